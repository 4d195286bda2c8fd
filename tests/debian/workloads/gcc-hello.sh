# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# gcc compiles and links hello world, with -static-pie free default
printf '#include <stdio.h>\nint main(void){puts("hello from gcc");return 0;}\n' > h.c
gcc -o h h.c && ./h
gcc -O2 -S -o h.s h.c && grep -c puts h.s
gcc -c h.c && file_magic=$(od -An -c -N4 h.o | tr -d ' '); echo "$file_magic"
