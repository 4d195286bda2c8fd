#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""BusyBox login and su on Kevlar's serial console, scripted.

Boots an image whose /etc has a user (uid 1000, password "secret", also
root's) and a set-user-ID-root BusyBox (tests/tty/login.sh builds it),
then at the root shell: `login` asks for a name and a password and gives
the user a shell with the user's ids and groups (sorted, as Linux keeps
them); a wrong password is
refused; from the user's shell, set-user-ID `su` asks for root's password
and runs a command as root (real uid 0), or refuses a wrong one; then
logging out returns to root's shell.  Prints TAP.

usage: login.py KERNEL INITRD [--timeout SECS]
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from session import PROMPT, boot_from_argv  # noqa: E402



def main():
    s, watchdog = boot_from_argv(90)
    results = []

    def check(desc, ok):
        results.append((bool(ok), desc))
        print(("ok" if ok else "not ok") + " %d - %s" % (len(results), desc), flush=True)
        if not ok:
            with s.lock:
                print("# unmatched output: %r" % s.buf[s.pos:][-400:], flush=True)

    try:
        check("boots to root's shell", s.expect(re.escape(PROMPT), 40))

        s.type("login\r")
        ok = s.expect(r"login: ", 10)
        s.type("user\r")
        ok = ok and s.expect(r"Password: ", 10)
        s.type("wrong\r")
        check("login refuses a wrong password",
              ok and s.expect(r"Login incorrect", 15) and s.expect(r"login: ", 15))
        s.type("user\r")
        ok = s.expect(r"Password: ", 10)
        s.type("secret\r")
        check("login with the right password gives the user a shell",
              ok and s.expect(re.escape(PROMPT), 15))

        s.type("id\r")
        check("the user's shell runs with uid 1000 and its groups",
              s.expect(r"uid=1000\(user\) gid=1000\(user\) groups=50\(staff\),1000\(user\)", 10)
              and s.expect(re.escape(PROMPT), 5))
        s.type("grep -E '^(Uid|Gid|CapEff)' /proc/self/status | tr '\\t' ' '\r")
        check("/proc/self/status: all four ids 1000, no capabilities",
              s.expect(r"Uid: 1000 1000 1000 1000\s+Gid: 1000 1000 1000 1000\s+"
                       r"CapEff: 0000000000000000", 10) and s.expect(re.escape(PROMPT), 5))
        s.type("su -c 'id; grep -c root /etc/shadow' root\r")
        ok = s.expect(r"Password: ", 10)
        s.type("secret\r")
        check("set-user-ID su with root's password runs a command as root",
              ok and s.expect(r"uid=0\(root\) gid=0\(root\) groups=0\(root\)\r\n1\r\n", 15)
              and s.expect(re.escape(PROMPT), 5))

        s.type("su -c id root; echo su-$?\r")
        ok = s.expect(r"Password: ", 10)
        s.type("nope\r")
        check("su refuses a wrong password (status 1)",
              ok and s.expect(r"incorrect password", 15) and s.expect(r"su-1\r\n", 5))

        s.type("exit\r")
        check("logging out returns to root's shell", s.expect(re.escape(PROMPT), 10))
        s.type("id -u\r")
        check("root is root again", s.expect(r"\r\n0\r\n", 10))

        s.type("exit\r")
        rc = s.wait_exit(15)
        check("exit powers the machine off with status 0 (got %s)" % rc, rc == 0)
    finally:
        watchdog.cancel()
        s.kill()
        log = os.environ.get("TTY_LOG")
        if log:
            with open(log, "w", newline="") as f:
                f.write(s.buf)
    print("1..%d" % len(results))
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
