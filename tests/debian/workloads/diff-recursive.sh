# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# diff -r of two trees and diff3, sdiff
mkdir -p a/s b/s; echo 1 > a/f; echo 2 > b/f; echo s > a/s/g; echo s > b/s/g; echo only > a/o
diff -r a b; echo "status $?"
printf '1\n2\n3\n' > o; printf '1\nX\n3\n' > m; printf '1\n2\nY\n' > t
diff3 -m m o t; echo "status $?"
