#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Userland scenarios on the default image (issue 3's acceptance), as TAP:
# each boots Kevlar with `make run CMD=...`'s image and checks the console
# output and the exit status.  usage: run.sh KERNEL  (from the repo root)
set -uo pipefail
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test/userland
mkdir -p "$out/overlay/bin"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$2" | tail -20; }

musl-gcc -static -O1 -o "$out/overlay/bin/nullwrite" tests/userland/nullwrite.c || exit 1
musl-gcc -static -O1 -o "$out/overlay/bin/enosys" tests/userland/enosys.c || exit 1
musl-gcc -static -O1 -o "$out/overlay/bin/orphan-sigkill" tests/userland/orphan_sigkill.c || exit 1
musl-gcc -static -O1 -o "$out/overlay/bin/ptyloop" tests/userland/ptyloop.c || exit 1
musl-gcc -static -O1 -o "$out/overlay/bin/cpuspread" tests/userland/cpuspread.c || exit 1
musl-gcc -static -O1 -o "$out/overlay/bin/threadinit" tests/userland/threadinit.c -lpthread || exit 1
# one program as every kind of executable execve must load
musl-gcc -static -O1 -o "$out/overlay/bin/hello-static" tests/userland/hello.c || exit 1
musl-gcc -static-pie -fPIE -O1 -o "$out/overlay/bin/hello-spie" tests/userland/hello.c || exit 1
musl-gcc -O1 -o "$out/overlay/bin/hello-musl" tests/userland/hello.c || exit 1
gcc -O1 -o "$out/overlay/bin/hello-glibc" tests/userland/hello.c || exit 1
mkdir -p "$out/overlay/lib" "$out/overlay/lib64" "$out/overlay/lib/x86_64-linux-gnu"
cp -L /lib/ld-musl-x86_64.so.1 "$out/overlay/lib/"
cp -L /lib64/ld-linux-x86-64.so.2 "$out/overlay/lib64/"
cp -L /lib/x86_64-linux-gnu/libc.so.6 "$out/overlay/lib/x86_64-linux-gnu/"
# GNU coreutils' timeout (timer_create) and sleep, under names no applet uses
cp -L /usr/bin/timeout "$out/overlay/bin/gnu-timeout"
cp -L /usr/bin/sleep "$out/overlay/bin/gnu-sleep"

# boot NAME CMD: image with the overlay ($overlay, default $out/overlay) and
# CMD, kernel command line $cmdline (default quiet), output in $out/NAME.log;
# sets rc
boot() {
  tools/mk-image.sh "$out/$1.cpio" "${overlay:-$out/overlay}" "$2" || return 1
  INITRD="$out/$1.cpio" TIMEOUT=120 tools/run-qemu.sh "$kernel" "${cmdline-quiet}" > "$out/$1.log" 2>&1
  rc=$?
  tr -d '\r' < "$out/$1.log" > "$out/$1.txt"
}

boot acceptance 'echo hello; ls /bin | wc -l; cat /proc/self/status | head -1; sh -c "exit 7"'
if [ $rc -eq 7 ] && grep -qx hello "$out/acceptance.txt" && grep -Eqx '[0-9]+' "$out/acceptance.txt"; then
  ok "make run CMD: output and exit status 7"
else nok "make run CMD: output and exit status 7 (status $rc)" "$out/acceptance.txt"; fi

boot segv 'nullwrite; echo "status $?"; echo still running'
if grep -q "about to write through NULL" "$out/segv.txt" && grep -q "Segmentation fault" "$out/segv.txt" &&
   grep -qx "status 139" "$out/segv.txt" && grep -qx "still running" "$out/segv.txt" && [ $rc -eq 0 ]; then
  ok "a NULL write dies of SIGSEGV, the shell says so, the kernel keeps running"
else nok "a NULL write dies of SIGSEGV, the shell says so, the kernel keeps running (status $rc)" "$out/segv.txt"; fi

boot script 'printf "#!/bin/sh\necho script \$0 \$1\nexit 3\n" > /tmp/s; chmod +x /tmp/s; /tmp/s arg; echo "status $?"'
if grep -qx "script /tmp/s arg" "$out/script.txt" && grep -qx "status 3" "$out/script.txt"; then
  ok "#! scripts run with their interpreter and arguments"
else nok "#! scripts run with their interpreter and arguments" "$out/script.txt"; fi

boot pipes 'seq 1 2000 | sort -rn | head -3; yes | head -c 100000 | wc -c; echo $((6*7))'
if grep -qx 2000 "$out/pipes.txt" && grep -qx 100000 "$out/pipes.txt" && grep -qx 42 "$out/pipes.txt"; then
  ok "pipelines of BusyBox applets (seq | sort | head, yes | head -c | wc)"
else nok "pipelines of BusyBox applets" "$out/pipes.txt"; fi

boot files 'cd /tmp && mkdir -p a/b && echo data > a/b/f && ln -s a/b/f l && cat l && mv a z && ls z/b && rm -r z l && ls -A /tmp | wc -l'
if grep -qx data "$out/files.txt" && grep -qx f "$out/files.txt" && tail -1 "$out/files.txt" | grep -qx 0; then
  ok "files on tmpfs: mkdir, symlink, rename, rm -r"
else nok "files on tmpfs: mkdir, symlink, rename, rm -r" "$out/files.txt"; fi

boot signals 'sleep 5 & pid=$!; kill -TERM $pid; wait $pid; echo "status $?"; trap "echo got USR1" USR1; kill -USR1 $$; echo after'
if grep -qx "status 143" "$out/signals.txt" && grep -qx "got USR1" "$out/signals.txt" && grep -qx after "$out/signals.txt"; then
  ok "signals: kill a background job, a shell trap handler"
else nok "signals: kill a background job, a shell trap handler" "$out/signals.txt"; fi

# an unmounted tmpfs gives its memory back: 12 x 24 MiB through one mount
# point at MEM=256M would run out if each umount kept its files
boot umountmem 'free_kb() { grep MemAvailable /proc/meminfo | tr -s " " | cut -d" " -f2; }
a=$(free_kb); i=0; st=0
while [ $i -lt 12 ]; do
  mount -t tmpfs none /mnt && dd if=/dev/zero of=/mnt/f bs=1048576 count=24 2>/dev/null || st=1
  umount /mnt || st=1; i=$((i + 1))
done
echo "umountmem: status $st, MemAvailable moved $((a - $(free_kb))) KiB"'
if awk '/^umountmem: status 0, MemAvailable moved/ { found = 1; ok = $6 < 4096 } END { exit !(found && ok) }' "$out/umountmem.txt"; then
  ok "an unmounted tmpfs gives its files' memory back"
else nok "an unmounted tmpfs gives its files' memory back (status $rc)" "$out/umountmem.txt"; fi

# init (this shell) takes only the signals it handles: from another process
# or itself, SIGKILL and SIGSTOP included; an orphan's exit signal is reset
# 10000 pairs of 32 KiB would not fit in the machine if a closed pair kept its memory
boot ptyloop 'ptyloop 10000; echo "status $?"'
if grep -qx "status 0" "$out/ptyloop.txt" &&
   grep -qx "ptyloop: a closed pair's O_PATH slave: chr 1, major 136" "$out/ptyloop.txt" &&
   awk '/^ptyloop: 10000 pairs, MemAvailable moved/ { found = 1; ok = $6 < 2048 } END { exit !(found && ok) }' "$out/ptyloop.txt"; then
  ok "10000 pseudo-terminal pairs opened and closed: their memory comes back"
else nok "10000 pseudo-terminal pairs opened and closed: their memory comes back (status $rc)" "$out/ptyloop.txt"; fi

boot init-immune 'sh -c "kill -KILL 1; kill -STOP 1; kill -SEGV 1; kill -TERM 1; echo sent \$?"; kill -9 1; kill -STOP $$; orphan-sigkill; sleep 1; sh -c "kill -9 -1; echo kill-all survivor"; echo init alive'
if [ $rc -eq 0 ] && grep -qx "sent 0" "$out/init-immune.txt" && grep -q "left to init" "$out/init-immune.txt" &&
   grep -qx "kill-all survivor" "$out/init-immune.txt" && grep -qx "init alive" "$out/init-immune.txt"; then
  ok "init ignores kill -9 1, SIGSTOP, SIGSEGV from user space; a clone(SIGKILL) orphan does not kill it; kill(-1) spares init and the caller"
else nok "init ignores kill -9 1 and a clone(SIGKILL) orphan (status $rc)" "$out/init-immune.txt"; fi

boot exec 'for k in static spie musl glibc; do /bin/hello-$k $k; done'
good=1
for k in static spie musl glibc; do
  grep -qx "hello argc=2 argv1=$k pagesz=4096 phnum>0=1 random=yes execfn=/bin/hello-$k secure=0" \
    "$out/exec.txt" || good=0
done
if [ $good = 1 ]; then ok "execve: static, static-PIE, dynamic musl and dynamic glibc (PT_INTERP), auxv"
else nok "execve: static, static-PIE, dynamic musl and dynamic glibc (PT_INTERP), auxv" "$out/exec.txt"; fi

boot dmesg 'echo "<7>from-user" > /dev/kmsg; dmesg | grep -c "Kevlar: booting"; dmesg | grep -o "from-user$"; dmesg -c > /dev/null; echo "after clear: $(dmesg | grep -c from-user)"'
if grep -qx 1 "$out/dmesg.txt" && grep -qx from-user "$out/dmesg.txt" && grep -qx "after clear: 0" "$out/dmesg.txt"; then
  ok "dmesg (syslog): the boot log, a line written to /dev/kmsg, dmesg -c"
else nok "dmesg (syslog): the boot log, a line written to /dev/kmsg, dmesg -c" "$out/dmesg.txt"; fi

# The first call of a missing syscall is on the console, once, in every mode.
for mode in quiet default; do
  if [ $mode = quiet ]; then cmdline=quiet; else cmdline=; fi
  cmdline=$cmdline boot "enosys-$mode" 'enosys; enosys'
  if [ $rc -eq 0 ] && [ "$(grep -c 'nfsservctl: -1 ENOSYS' "$out/enosys-$mode.txt")" = 4 ] &&
     [ "$(grep -c '\] syscall 180 (nfsservctl) not implemented$' "$out/enosys-$mode.txt")" = 1 ]; then
    ok "a missing syscall's first call is logged on the console, one line ($mode)"
  else nok "a missing syscall's first call is logged on the console, one line ($mode, status $rc)" "$out/enosys-$mode.txt"; fi
done

# An overlay file replaces the image's applet link or file at its path; it
# must not be copied through the link onto /bin/busybox.
rm -rf "$out/replace"; mkdir -p "$out/replace/usr/bin" "$out/replace/etc"
printf '#!/bin/sh\necho overlay env\n' > "$out/replace/usr/bin/env"
chmod +x "$out/replace/usr/bin/env"
echo overlay-host > "$out/replace/etc/hostname"
overlay=$out/replace boot replace '/usr/bin/env; cat /etc/hostname; busybox echo busybox intact; head -c 2 /bin/busybox | od -c | head -1'
if [ $rc -eq 0 ] && grep -qx "overlay env" "$out/replace.txt" && grep -qx overlay-host "$out/replace.txt" &&
   grep -qx "busybox intact" "$out/replace.txt" && grep -q '177   E' "$out/replace.txt"; then
  ok "OVERLAY files replace an applet link (/usr/bin/env) and an image file, BusyBox intact"
else nok "OVERLAY files replace an applet link (/usr/bin/env) and an image file, BusyBox intact (status $rc)" "$out/replace.txt"; fi

boot timeout 's=$(cut -d. -f1 /proc/uptime); timeout 1 sleep 3; echo "busybox $?"; gnu-timeout 1 gnu-sleep 3; echo "gnu $?"; gnu-timeout 3 gnu-sleep 1; echo "gnu in time $?"; echo "elapsed $(($(cut -d. -f1 /proc/uptime) - s))"'
el=$(sed -n 's/^elapsed //p' "$out/timeout.txt")
if grep -qx "busybox 143" "$out/timeout.txt" && grep -qx "gnu 124" "$out/timeout.txt" &&
   grep -qx "gnu in time 0" "$out/timeout.txt" && [ -n "$el" ] && [ "$el" -le 5 ]; then
  ok "timeout 1 sleep 3 stops sleep after a second (BusyBox: 143, coreutils: 124)"
else nok "timeout 1 sleep 3 stops sleep after a second (BusyBox: 143, coreutils: 124)" "$out/timeout.txt"; fi

# SMP=N (run-qemu.sh's -smp): N CPUs online, all of them running user code
cpus=${SMP:-1}
boot cpus 'echo "nproc $(nproc)"; echo "cpuinfo $(grep -c ^processor /proc/cpuinfo)"; cpuspread '$((cpus * 2))
if [ $rc -eq 0 ] && grep -qx "nproc $cpus" "$out/cpus.txt" &&
   grep -qx "cpuinfo $cpus" "$out/cpus.txt" && grep -qx "cpuspread: $cpus CPU(s) ran user code" "$out/cpus.txt"; then
  ok "SMP=$cpus: nproc and /proc/cpuinfo count $cpus CPUs, user programs run on all of them"
else nok "SMP=$cpus: nproc and /proc/cpuinfo count $cpus CPUs, user programs run on all of them (status $rc)" "$out/cpus.txt"; fi

# init may have threads (only CLONE_PARENT is refused to it, as Linux)
boot threadinit 'exec threadinit'
if [ $rc -eq 5 ] && grep -qx "threadinit: pid 1, 4 threads, count 4000" "$out/threadinit.txt"; then
  ok "a threaded program as init (pid 1) runs its threads and powers off with its status"
else nok "a threaded program as init (pid 1) runs its threads and powers off with its status (status $rc)" "$out/threadinit.txt"; fi

echo "1..$n"
