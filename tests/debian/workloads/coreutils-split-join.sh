# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# split, cat and join
seq 1 25 > f; split -l 10 f part.
ls part.*; cat part.* | cmp - f && echo same
printf '1 a\n2 b\n' > l; printf '1 x\n2 y\n' > r; join l r
paste l r
