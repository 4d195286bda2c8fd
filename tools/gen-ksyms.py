#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Turn `nm -n kevlar.elf` into the kernel's symbol table (assembly).

The table lives in section .ksyms, which the linker script places right
after .text: filling it in on the second link pass cannot move code.
Layout: u64 count; u64 addr[count]; u32 name_off[count]; char names[].
usage: gen-ksyms.py NM_OUTPUT|-  (/dev/null gives an empty table)
"""
import sys

src = sys.stdin if sys.argv[1] == "-" else open(sys.argv[1])
syms = []
for line in src:
    parts = line.split()
    if len(parts) == 3 and parts[1] in "tTwW" and not parts[2].startswith("."):
        syms.append((int(parts[0], 16), parts[2]))
syms.sort()
out = ['\t.section .ksyms, "a"', "\t.balign 8", "\t.globl ksyms_table", "ksyms_table:",
       f"\t.quad {len(syms)}"]
out += [f"\t.quad 0x{a:x}" for a, _ in syms]
off = 0
for _, name in syms:
    out.append(f"\t.long {off}")
    off += len(name) + 1
out += [f'\t.asciz "{name}"' for _, name in syms]
out.append('\t.section .note.GNU-stack, "", @progbits')
print("\n".join(out))
