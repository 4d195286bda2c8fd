# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# gzip, gunzip, zcat and gzip -l
seq 1 10000 > f; cp f g
gzip -9 f; ls; gzip -t f.gz && echo test ok
zcat f.gz | cmp - g && echo zcat ok
gunzip f.gz; cmp f g && echo gunzip ok
seq 1 10 | gzip -c | gzip -dc | tail -1
