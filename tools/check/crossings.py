#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""One gate for every crossing into ring 2 (ring rules 5 and 6).

A ring-2 ops slot is a function-pointer member of a struct declared in
libs/kevlar_vfs/include/ (file_ops, dir_ops, symlink_ops, vfs_sb_ops,
fs_type's mount, and whatever table is added there later).  Only the
dispatch wrappers in kernel/fs/dispatch*.c (not their _ktest.c) may call
through one, and each such call is written inside SVC_CALL, SVC_CALL_OR or
SVC_CALL_VOID (kernel/fs/contain.h), where containment lives.  Everywhere
else (every ring, headers included) a slot may only be tested for NULL
(`!ops->x`, `ops->x == NULL`, `if (ops->x)`, `a && ops->x`, the condition
of `?:`, a conversion to bool) or assigned; any other read is a call or an
alias of the function pointer (copied into a variable, passed, returned),
so it is refused too.  An alias of the table pointer (`ops = sb->ops;
ops->statfs(...)`) is still a member of the table's type and is caught the
same way.  The AST comes from clang-query (one process per chunk of files,
--jobs chunks in parallel); a use is matched by its location, so a macro
that both tests and calls a slot still counts the call.
usage: crossings.py [--root DIR] [--cflags FLAGS] [--jobs N]
"""
import collections
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True
import checklib  # noqa: E402

GATES = re.compile(r"^kernel/fs/dispatch[^/]*\.c$")
SLOT = ('fieldDecl(hasType(hasCanonicalType(pointerType(pointee(ignoringParens(functionType()))))),'
        ' hasParent(recordDecl(isExpansionInFileMatching("libs/kevlar_vfs/include/"))))')
REF = f"memberExpr(member({SLOT}))"
OPERAND = f"ignoringParenImpCasts({REF}.bind(\"ok\"))"
QUERY = f"""set output diag
set bind-root false
match {REF}.bind("use")
match {REF[:-1]}, anyOf(isExpandedFromMacro("SVC_CALL_OR"), isExpandedFromMacro("SVC_CALL_VOID"))).bind("svc")
match callExpr(callee(expr(ignoringParenImpCasts({REF}.bind("call")))))
match unaryOperator(hasOperatorName("!"), hasUnaryOperand({OPERAND}))
match castExpr(hasCastKind("CK_PointerToBoolean"), hasSourceExpression({OPERAND}))
match binaryOperator(hasAnyOperatorName("==", "!=", "&&", "||"), hasLHS({OPERAND}))
match binaryOperator(hasAnyOperatorName("==", "!=", "&&", "||"), hasRHS({OPERAND}))
match binaryOperator(hasOperatorName("="), hasLHS({OPERAND}))
match ifStmt(hasCondition({OPERAND}))
match whileStmt(hasCondition({OPERAND}))
match doStmt(hasCondition({OPERAND}))
match forStmt(hasCondition({OPERAND}))
match conditionalOperator(hasCondition({OPERAND}))
"""
BIND_RE = re.compile(r'^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): note: "(?P<bind>\w+)" binds here$')
ERROR_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:fatal )?error: (?P<msg>.*)$")


def query(root, files, flags, script):
    """clang-query over `files`: ({bind: Counter((rel, line, col))}, texts, errors)."""
    res = subprocess.run(["clang-query", "-f", str(script)] + files + ["--"] + flags, cwd=root,
                         capture_output=True, text=True)
    absroot = str(Path(root).resolve())
    binds = collections.defaultdict(collections.Counter)
    texts, errors = {}, []
    lines = (res.stdout + res.stderr).splitlines()
    for i, line in enumerate(lines):
        m = BIND_RE.match(line) or ERROR_RE.match(line)
        if not m:
            continue
        rel = os.path.relpath(os.path.normpath(os.path.join(absroot, m.group("file"))), absroot)
        key = (rel, int(m.group("line")), int(m.group("col")))
        if "bind" not in m.groupdict():
            errors.append(f"{rel}:{key[1]}: clang-query cannot compile: {m.group('msg')}")
            continue
        binds[m.group("bind")][key] += 1
        if i + 2 < len(lines) and key not in texts:
            src, caret = lines[i + 1], lines[i + 2]
            at = caret.find("^")
            n = len(re.match(r"\^~*", caret[at:]).group(0)) if at >= 0 else 0
            texts[key] = src[at:at + n].strip() if n else ""
    if res.returncode != 0 and not binds and not errors:
        tail = (res.stderr or res.stdout).strip().splitlines()[-3:]
        errors.append(f"{files[0]}:1: clang-query failed (status {res.returncode}): "
                      f"{' | '.join(tail)}")
    return binds, texts, errors


def judge(binds, texts):
    diags = []
    for key, n in sorted(binds["use"].items()):
        rel, line, _ = key
        if not checklib.ring_of(rel) or rel.startswith(".."):
            continue
        gate = GATES.match(rel) and not rel.endswith("_ktest.c")
        free = binds["ok"][key] + (binds["svc"][key] if gate else 0)
        if n <= free:
            continue
        what = f"`{texts.get(key) or 'a slot'}`"
        if gate:
            diags.append(f"{rel}:{line}: {what}: a crossing into ring 2 not written with "
                         "SVC_CALL/SVC_CALL_OR/SVC_CALL_VOID (kernel/fs/contain.h)")
        elif binds["call"][key]:
            diags.append(f"{rel}:{line}: {what}: a call through a ring-2 ops table outside "
                         "kernel/fs/dispatch*.c (call its dispatch wrapper)")
        else:
            diags.append(f"{rel}:{line}: {what}: a ring-2 ops slot read for more than a NULL "
                         "test outside kernel/fs/dispatch*.c (an alias of the function pointer; "
                         "call its dispatch wrapper)")
    return diags


def main():
    ap = checklib.arg_parser(__doc__.splitlines()[0])
    checklib.add_cflags_args(ap)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if not shutil.which("clang-query"):
        sys.exit("check-crossings: clang-query not found (Debian: clang-tools; tools/deps.sh)")
    root = Path(args.root)
    files = checklib.source_files(root, checklib.RINGS, (".c",))
    flags = checklib.preprocessor_flags(checklib.kernel_cflags(root, args.cflags), True)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    script = (workdir / "crossings.query").resolve()
    script.write_text(QUERY)
    jobs = max(1, args.jobs)
    chunks = [files[i::jobs] for i in range(jobs) if files[i::jobs]]
    binds = collections.defaultdict(collections.Counter)
    texts, diags = {}, []
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for b, t, errs in pool.map(lambda c: query(root, c, flags, script), chunks):
            for k, v in b.items():
                binds[k].update(v)
            texts.update(t)
            diags += errs
    return checklib.report(diags + judge(binds, texts), "crossings")


if __name__ == "__main__":
    sys.exit(main())
