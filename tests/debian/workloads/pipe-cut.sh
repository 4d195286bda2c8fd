# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# cut by field and by character
printf 'root:x:0:0\nuser:x:1000:1000\n' | cut -d: -f1,3
echo abcdefgh | cut -c2-4
