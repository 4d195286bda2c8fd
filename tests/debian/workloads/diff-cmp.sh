# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# diff -u, diff statuses and cmp
printf 'a\nb\nc\nd\n' > x; printf 'a\nB\nc\nd\ne\n' > y
diff x y; echo "status $?"
diff -u x y | tail -n +3; diff x x; echo "same $?"
cmp x y; echo "cmp $?"; cmp -s x x; echo "cmp $?"
