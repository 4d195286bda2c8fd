# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# a megabyte through a pipeline
head -c 1048576 /dev/zero | tr '\0' 'a' | fold -w 64 | wc -l
yes hello | head -n 100000 | sort -u
