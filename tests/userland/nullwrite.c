/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Writes through a NULL pointer: must die of SIGSEGV, the kernel carrying on. */
#include <stdio.h>

int main(void)
{
	volatile int *p = (volatile int *)0;

	puts("about to write through NULL");
	fflush(stdout);
	*p = 42;
	puts("not reached");
	return 0;
}
