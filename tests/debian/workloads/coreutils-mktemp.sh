# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# mktemp files and directories under /tmp
f=$(mktemp); d=$(mktemp -d)
[ -f "$f" ] && [ -d "$d" ] && echo made
stat -c %a "$f" "$d"
rm -rf "$f" "$d"; echo removed
