# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# mkdir -p, rmdir -p and their errors
mkdir -p x/y/z; mkdir -p x/y/z; echo $?
mkdir x 2>&1; echo $?
rmdir x 2>&1; echo $?
rmdir -p x/y/z; ls | wc -l
mkdir -p /tmp; echo "mkdir -p /tmp: $?"
