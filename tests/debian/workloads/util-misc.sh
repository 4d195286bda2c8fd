# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# util-linux getopt, rev, namei, mcookie, fallocate
getopt -o ab:c -l long -- -a -b x --long y
echo hello | rev
namei -m /usr/bin/sh
mcookie | wc -c
fallocate -l 65536 f && stat -c %s f

