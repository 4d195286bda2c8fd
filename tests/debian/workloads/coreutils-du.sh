# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# du of a tree
mkdir -p d/e; head -c 8192 /dev/zero > d/f; head -c 100 /dev/zero > d/e/g
du -ab d | sort -k2
du -s --apparent-size -b d
