# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# xz, unxz, xzcat and xz -l
seq 1 20000 > f; cp f g
xz f; ls; xz -t f.xz && echo test ok
xzcat f.xz | cmp - g && echo xzcat ok
unxz f.xz; cmp f g && echo unxz ok
echo data | xz -c | xz -dc
