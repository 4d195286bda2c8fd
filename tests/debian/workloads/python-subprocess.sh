# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python subprocess: run, pipes, return codes, timeouts
python3 - <<'P'
import subprocess as sp
print(sp.run(["echo", "hi"], capture_output=True, text=True).stdout, end="")
print(sp.run("exit 5", shell=True).returncode)
p = sp.Popen(["sort"], stdin=sp.PIPE, stdout=sp.PIPE, text=True)
print(p.communicate("b\na\nc\n")[0].split())
print(sp.check_output("seq 3 | wc -l", shell=True, text=True).strip())
try:
    sp.run(["sleep", "5"], timeout=0.5)
except sp.TimeoutExpired:
    print("timeout expired")
r = sp.run(["sh", "-c", "kill -TERM $$"]); print(r.returncode)
P
