# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# nl, fold, fmt, pr, expand, column
printf 'a\nb\n\nc\n' | nl
echo 'the quick brown fox jumps over the lazy dog' | fold -w 10
printf 'a\tb\n' | expand -t 4 | od -c | head -1
printf 'x y\n' | fmt -w 5
