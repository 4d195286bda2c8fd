# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# cpp and gcc -E with system headers from libc6-dev
printf '#include <errno.h>\n#include <limits.h>\nENOENT PATH_MAX\n' | cpp -P | tail -1
echo '__GNUC__ __x86_64__' | gcc -E -P - | tr -s ' '
printf '#include <sys/stat.h>\n#include <linux/fs.h>\nint x;\n' | gcc -fsyntax-only -x c - && echo headers ok
