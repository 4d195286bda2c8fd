# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# uname and nproc agree with the machine
uname -s; uname -o; uname -m
n=$(nproc); [ "$n" -ge 1 ] && echo "nproc ok"
