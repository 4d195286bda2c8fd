# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# shellcheck shell=bash
# Sourced by the one-boot integration scripts (procfs.sh, blk.sh, ext4.sh)
# once their boot is over: the console log $log without its CRs in
# $LOGTXT, and the TAP helpers their checks use.  The guest printed each
# command's output between "== CMD" and "== end rc=N".
export LOGTXT=$log.txt
tr -d '\r' < "$log" > "$LOGTXT"

# The output lines of the command whose header starts with $1 (with
# SECTION_EXACT=1, whose header is exactly it).
section() {
  awk -v want="== $1" -v exact="${SECTION_EXACT:-0}" \
    '(exact ? $0 == want : substr($0, 1, length(want)) == want) {on = 1; next} /^== end rc=/ {if (on) exit} on' \
    "$LOGTXT"
}
n=0 fail=0
t() { # CMD...: one TAP line, described by $desc
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; fail=$((fail + 1)); fi
}
has() { section "$1" | grep -Eq "$2"; }
# Did the command headed exactly $1 end with rc 0?
steprc() { awk -v want="== $1" '$0 == want {on = 1; next} on && /^== end rc=/ {print; exit}' "$LOGTXT" | grep -qx "== end rc=0"; }
# The command ran to rc 0 and printed checks (ok: ...), none FAIL; its
# output goes to $out/sec.txt.
clean() {
  steprc "$1" && SECTION_EXACT=1 section "$1" > "$out/sec.txt" &&
    grep -q '^ok: ' "$out/sec.txt" && ! grep -q '^FAIL' "$out/sec.txt"
}
# Did the kernel report a panic, fault, lock-order violation, leak or a
# lock held too long?  Lines of base64 alone (disk images sent back over
# the console) are left out: random data spells "leak" now and then.
console_bad() {
  grep -Ev '^[A-Za-z0-9+/=]+$' "$LOGTXT" |
    grep -Eq 'KERNEL (PANIC|FAULT)|lock order|recursive lock|leak|still held|\bBUG\b'
}
export -f section has console_bad
