#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# End-to-end check of /proc: boot Kevlar with BusyBox and run the tools
# that read it (ps, free, mount, uptime, top), then check the shape of
# their output.  TAP on stdout, the console log in build/test/procfs.log.
# usage: tests/integration/procfs.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
out=build/test
mkdir -p "$out"
img=$out/procfs.cpio log=$out/procfs.log
# Each section is fenced so a check looks only at its own command's output.
cmd='for c in ps free mount uptime "top -n1 -b" "cat /proc/self/status" "ls -1 /proc" "cat /proc/meminfo" "cat /proc/self/stat"; do echo "== $c"; eval "$c"; echo "== end rc=$?"; done'
tools/mk-image.sh "$img" "" "$cmd" >/dev/null 2>&1 || { echo "1..1"; echo "not ok 1 - mk-image"; exit 1; }
INITRD=$img TIMEOUT=${PROCFS_TIMEOUT:-60} tools/run-qemu.sh "$kernel" quiet > "$log" 2>&1
rc=$?
export SECTION_EXACT=1 # "cat /proc/self/stat" is a prefix of "...status"
. tests/integration/tap.sh
count_ge() { [ "$(section "$1" | grep -Ec "$2")" -ge "$3" ]; }

echo "1..13"
desc="the guest ran every command and powered off cleanly (exit $rc)"; t [ "$rc" -eq 0 ]
desc="every command exited 0"; t bash -c "[ \$(grep -c '^== end rc=0$' \"\$LOGTXT\") -eq 9 ]"
desc="ps lists PID 1 and itself (a header and >= 2 processes)"
t bash -c "$(declare -f section has count_ge); has ps '^ *PID +USER' && has ps '^ +1 root ' && count_ge ps '^ +[0-9]+ root ' 2" 
desc="free shows Mem: with a non-zero total and Swap:"
t bash -c "$(declare -f section has); has free '^Mem: +[1-9][0-9]* +[0-9]+ +[0-9]+' && has free '^Swap: +0 +0 +0'"
desc="mount shows the root, /proc, /tmp and /dev lines"
t bash -c "$(declare -f section has); has mount ' on / type ' && has mount '^proc on /proc type proc \(rw,relatime\)' && has mount ' on /tmp type tmpfs ' && has mount ' on /dev type devtmpfs '"
desc="uptime prints up time and load average"
t bash -c "$(declare -f section has); has uptime 'up .*load average: [0-9]+\.[0-9]{2}, '"
desc="top -n1 -b shows the memory, CPU and load lines and a process table"
t bash -c "$(declare -f section has count_ge); has 'top -n1 -b' '^Mem: [0-9]+K used' && has 'top -n1 -b' '^CPU: ' && has 'top -n1 -b' '^Load average: ' && has 'top -n1 -b' 'PID +PPID +USER +STAT' && count_ge 'top -n1 -b' '^ +[0-9]+ +[0-9]+ root ' 2"
desc="/proc/self/status has Name, State, Pid, PPid, Uid, VmRSS, Threads, SigBlk, CapEff"
t bash -c "$(declare -f section has); s='cat /proc/self/status'; has \"\$s\" '^Name:	cat$' && has \"\$s\" '^State:	R \(running\)$' && has \"\$s\" '^Pid:	[0-9]+$' && has \"\$s\" '^PPid:	1$' && has \"\$s\" '^Uid:	0	0	0	0$' && has \"\$s\" '^VmRSS:	 +[1-9][0-9]* kB$' && has \"\$s\" '^Threads:	1$' && has \"\$s\" '^SigBlk:	[0-9a-f]{16}$' && has \"\$s\" '^CapEff:	[0-9a-f]{16}$'"
desc="ls /proc lists pid 1, self and the system files"
t bash -c "$(declare -f section has); has 'ls -1 /proc' '^1$' && has 'ls -1 /proc' '^self$' && has 'ls -1 /proc' '^meminfo$' && has 'ls -1 /proc' '^uptime$' && has 'ls -1 /proc' '^mounts$'"
desc="meminfo starts with MemTotal/MemFree/MemAvailable in Linux's columns"
t bash -c "$(declare -f section); section 'cat /proc/meminfo' | head -3 | grep -Ec '^Mem(Total|Free|Available): {1,16}[0-9]+ kB$' | grep -qx 3"
desc="meminfo values sit in Linux's columns (label to 16, value right-aligned to 24)"
t bash -c "$(declare -f section); section 'cat /proc/meminfo' | grep -E ' kB$' | awk '{n++} length(\$0) != 27 && \$2 < 10000000 {bad = 1} END {exit bad || n < 40}'"
desc="/proc/self/stat has 52 fields: pid, (cat), R, ppid 1"
t bash -c "$(declare -f section); section 'cat /proc/self/stat' | awk '{ok = NF == 52 && \$1 ~ /^[0-9]+\$/ && \$2 == \"(cat)\" && \$3 == \"R\" && \$4 == 1} END {exit !ok}'"
# From the first command on: /init's own start-up (glibc's rseq probe,
# cat's sendfile) is not what this checks.
desc="no kernel warnings, faults or ENOSYS logged while the commands run"
t bash -c "! sed -n '/^== /,\$p' \"\$LOGTXT\" | grep -Eq 'KERNEL (PANIC|FAULT)|not implemented|ENOSYS'"
[ $fail -eq 0 ]
