# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python os.fork, os.exec, os.waitpid, os.pipe
python3 - <<'P'
import os, sys
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r); os.dup2(w, 1); os.execvp("echo", ["echo", "from exec"])
os.close(w); data = os.read(r, 100); _, st = os.waitpid(pid, 0)
print(data.decode().strip(), os.waitstatus_to_exitcode(st))
pid = os.fork()
if pid == 0: os._exit(9)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
P
