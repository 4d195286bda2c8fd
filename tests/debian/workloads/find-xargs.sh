# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# find | xargs, -print0 | xargs -0, xargs -n
mkdir d; for i in 1 2 3 4 5; do echo $i > "d/f $i"; done
find d -type f -print0 | sort -z | xargs -0 cat
echo a b c d e | xargs -n 2 echo
seq 1 10 | xargs -P 2 -n 1 echo | sort -n | tail -1
