#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""An interactive BusyBox session on Kevlar's serial console, scripted.

Boots the kernel as `make run` does (tools/run-qemu.sh, the run image as
initramfs, no CMD: /init execs `/bin/sh -l`), with QEMU's serial line on a
pipe, then types at the shell like a user and checks what comes back:
line editing, ^C, ^D, ^Z and fg (job control), and exit powering off with
status 0; then, in a second boot, typeahead (input sent before the kernel
runs) reaching the shell.  Prints TAP.  Every wait has a deadline; the whole run is killed
after --timeout seconds.

usage: session.py KERNEL INITRD [--timeout SECS]
"""
import os
import re
import signal
import subprocess
import sys
import threading
import time

PROMPT = "# "


class Session:
    def __init__(self, kernel, initrd):
        self.kernel, self.initrd = kernel, initrd  # to boot the same again
        env = dict(os.environ, INITRD=initrd)
        env.pop("TIMEOUT", None)  # run-qemu.sh would take stdin from /dev/null
        self.proc = subprocess.Popen(
            ["tools/run-qemu.sh", kernel, os.environ.get("TTY_CMDLINE", "loglevel=4")], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.buf = ""
        self.pos = 0  # what expect() has consumed
        self.lock = threading.Lock()
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        while True:
            data = os.read(self.proc.stdout.fileno(), 4096)
            if not data:
                break
            with self.lock:
                self.buf += data.decode("utf-8", "replace")

    def send(self, s):
        self.proc.stdin.write(s.encode())
        self.proc.stdin.flush()

    def type(self, s, delay=0.02):
        """Type like a user: one key at a time."""
        for ch in s:
            self.send(ch)
            time.sleep(delay)

    def expect(self, pattern, timeout):
        """Wait for `pattern` (a regex) after what was consumed; returns the
        match (and consumes through it) or None."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                m = rx.search(self.buf, self.pos)
                if m:
                    self.pos = m.end()
                    return m
            if self.proc.poll() is not None:
                time.sleep(0.2)
                with self.lock:
                    m = rx.search(self.buf, self.pos)
                    if m:
                        self.pos = m.end()
                    return m
            time.sleep(0.02)
        return None

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def boot_from_argv(timeout):
    """`KERNEL INITRD [--timeout SECS]` from the command line: a booting
    Session and the started watchdog that kills it after the timeout."""
    args = sys.argv[1:]
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = float(args[i + 1])
        del args[i:i + 2]
    kernel, initrd = args
    s = Session(kernel, initrd)
    watchdog = threading.Timer(timeout, s.kill)
    watchdog.start()
    return s, watchdog


def main():
    s, watchdog = boot_from_argv(60)
    results = []

    def check(desc, ok, sess=None):
        sess = sess or s
        results.append((bool(ok), desc))
        print(("ok" if ok else "not ok") + " %d - %s" % (len(results), desc), flush=True)
        if not ok:
            with sess.lock:
                print("# unmatched output: %r" % sess.buf[sess.pos:][-400:], flush=True)

    try:
        check("boots to an interactive shell prompt", s.expect(re.escape(PROMPT), 40))

        s.type("echo $((6*7))\r")
        check("a typed command line runs: echo $((6*7)) prints 42",
              s.expect(r"\r\n42\r\n", 10) and s.expect(re.escape(PROMPT), 5))

        s.type("echo ab\x7fc\x17xyz\r")  # DEL erases b; ^W is ash's own
        check("line editing: DEL erases in the shell's raw mode",
              s.expect(r"\r\nxyz\r\n|\r\nac ?xyz\r\n|\r\nxyz", 10) and
              s.expect(re.escape(PROMPT), 5))

        s.type("cat\r")
        time.sleep(0.5)
        s.type("hello ty\x7fty\r")  # canonical mode: the kernel erases
        check("canonical input through the line discipline: cat echoes an edited line",
              s.expect(r"hello ty\x08 \x08ty\r\nhello tty\r\n", 10))
        s.send("\x04")
        check("^D at the start of a line ends cat's input", s.expect(re.escape(PROMPT), 10))

        s.type("sleep 10\r")
        time.sleep(1.0)
        t0 = time.monotonic()
        s.send("\x03")
        ok = s.expect(r"\^C", 5) and s.expect(re.escape(PROMPT), 5)
        check("^C interrupts sleep 10 and the prompt returns at once",
              ok and time.monotonic() - t0 < 5)

        s.type("cat | cat\r")
        time.sleep(0.8)
        s.type("piped\r")
        check("cat | cat passes a line", s.expect(r"piped\r\npiped\r\n", 10))
        s.send("\x04")
        check("^D ends cat | cat", s.expect(re.escape(PROMPT), 10))

        s.type("sleep 3\r")
        time.sleep(1.0)
        s.send("\x1a")
        check("^Z stops the foreground job: the shell reports it Stopped",
              s.expect(r"\^Z", 5) and s.expect(r"Stopped\s+sleep 3", 5) and
              s.expect(re.escape(PROMPT), 5))
        s.type("jobs\r")
        check("jobs lists the stopped job", s.expect(r"Stopped\s+sleep 3", 5) and
              s.expect(re.escape(PROMPT), 5))
        s.type("fg; echo resumed-$?\r")
        check("fg resumes the stopped job in the foreground until it ends",
              s.expect(r"sleep 3\r\n", 5) and s.expect(r"resumed-0\r\n", 15) and
              s.expect(re.escape(PROMPT), 5))

        s.type("cat &\r")
        time.sleep(1.0)
        s.type("jobs\r")
        check("a background read gets SIGTTIN: the job is Stopped (tty input)",
              s.expect(r"Stopped \(tty input\)\s+cat", 5) and s.expect(re.escape(PROMPT), 5))
        s.type("fg\r")
        time.sleep(0.5)
        s.type("fg-read\r")
        s.expect(r"fg-read\r\n", 5)
        check("fg brings it to the foreground: it reads the terminal",
              s.expect(r"fg-read\r\n", 5))
        s.send("\x04")
        s.expect(re.escape(PROMPT), 5)

        s.type("stty tostop; (sleep 1; echo bg-out) &\r")
        time.sleep(2.0)
        s.type("jobs\r")
        check("with TOSTOP a background write gets SIGTTOU: Stopped (tty output)",
              s.expect(r"Stopped \(tty output\)", 5) and s.expect(re.escape(PROMPT), 5))
        s.type("stty -tostop; fg\r")
        check("fg lets it write", s.expect(r"bg-out\r\n", 5) and
              s.expect(re.escape(PROMPT), 5))

        s.type("(trap '' TTIN; cat; echo cat-status-$?) &\r")
        check("a background read with SIGTTIN ignored fails with EIO",
              s.expect(r"cat: read error: Input/output error", 5) and
              s.expect(r"cat-status-1", 5))
        s.type("\r")
        s.expect(re.escape(PROMPT), 5)

        s.type("stty -a\r")
        check("stty -a shows the serial defaults: 115200 baud, icanon, echoctl",
              s.expect(r"speed 115200 baud", 10) and s.expect(r" icanon ", 5) and
              s.expect(r"\sechoctl\s", 5) and s.expect(re.escape(PROMPT), 5))

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

    # Typeahead: the whole input is written before the kernel has booted
    # (as `printf ... | make run` does); Linux's tty keeps what arrives
    # before any reader, so the shell reads it once it starts.
    t = Session(s.kernel, s.initrd)
    try:
        t.send("echo typed-ahead-$((6*7))\rexit 3\r")
        rc = t.wait_exit(40)
        check("typeahead: input sent before boot is kept for the shell (status %s)" % rc,
              t.expect(r"\r\ntyped-ahead-42\r\n", 1) and rc == 3, t)
    finally:
        t.kill()
        if log:
            with open(log, "a", newline="") as f:
                f.write("\n---- typeahead ----\n" + t.buf)
    print("1..%d" % len(results))
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
