# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# readlink, realpath, basename, dirname
mkdir -p a/b; ln -s a/b c
readlink c; readlink -f c; realpath c/../x 2>&1; realpath -m c/../x
basename /x/y/z.c .c; dirname /x/y/z.c
readlink /proc/self/exe
