# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# the dynamic loader lists and runs coreutils (the vDSO line aside)
/lib64/ld-linux-x86-64.so.2 --list /usr/bin/ls | awk '{print $1}' | grep -v vdso | sort
/lib64/ld-linux-x86-64.so.2 --list /usr/bin/true | grep -c 'libc.so.6 =>'
/lib64/ld-linux-x86-64.so.2 /usr/bin/echo run through ld.so
