/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Touching NULL or a kernel address: SIGSEGV SEGV_MAPERR with si_addr; unhandled, it kills. */
/* abi: glibc */
#include "abi.h"

static int crash(void *arg)
{
	(void)arg;
	*(volatile int *)ABI_BADPTR = 1;
	return 0;
}

int main(void)
{
	abi_probe("read NULL", (volatile char *)NULL, 0);
	abi_probe("write 16", (volatile char *)ABI_BADPTR, 1);
	abi_probe("read a kernel address", (volatile char *)ABI_KERNPTR, 0);
	abi_run_child("unhandled fault", crash, NULL);
	return 0;
}
