# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# gcc builds a shared library and a program using it
printf 'int twice(int x){return 2*x;}\n' > lib.c
printf '#include <stdio.h>\nint twice(int);\nint main(void){printf("%%d\\n", twice(21));return 0;}\n' > m.c
gcc -shared -fPIC -o libt.so lib.c && gcc -o m m.c -L. -lt && LD_LIBRARY_PATH=. ./m
gcc -o d m.c lib.c -Wl,--as-needed && ./d
