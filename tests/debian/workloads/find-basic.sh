# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# find by name, type and depth
mkdir -p a/b/c; touch a/x.c a/b/y.c a/b/c/z.h; ln -s x.c a/l
find a | sort
find a -name '*.c' | sort
find a -type d | sort; find a -type l
find a -maxdepth 1 -type f
