/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The system call number is the low 32 bits of rax: high bits ignored, -1 and x32 numbers ENOSYS. */
/* abi: glibc */
#include "abi.h"

static long raw(unsigned long nr)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(nr) : "rcx", "r11", "memory");
	return r;
}

int main(void)
{
	long pid = getpid();

	FACT("0x100000000|getpid is getpid", raw(0x100000000ul | SYS_getpid) == pid);
	FACT("0xffffffff00000000|getpid is getpid", raw(0xffffffff00000000ul | SYS_getpid) == pid);
	printf("x32 getpid (0x40000000|39): %ld\n", raw(0x40000000ul | SYS_getpid));
	printf("-1: %ld\n", raw(~0ul));
	printf("0xffffffff: %ld\n", raw(0xfffffffful));
	printf("0x100000000|500: %ld\n", raw(0x100000000ul | 500));
	printf("100000: %ld\n", raw(100000));
	return 0;
}
