# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# as, ld, nm, objdump, readelf, ar, strip
printf '.globl _start\n_start:\n mov $60, %%eax\n mov $7, %%edi\n syscall\n' > s.S
as -o s.o s.S && ld -o s s.o && ./s; echo "status $?"
nm s.o; readelf -h s | grep -E 'Class|Type:|Machine'
printf 'int f(void){return 1;}\n' > f.c; gcc -c f.c; ar rcs libf.a f.o; ar t libf.a
objdump -d f.o | grep -c ret; strip s; ./s; echo "stripped status $?"
