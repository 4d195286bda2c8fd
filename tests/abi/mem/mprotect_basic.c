/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mprotect: writing read-only or touching PROT_NONE pages gives SEGV_ACCERR; data survives. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	p[0] = 'k';
	p[4096] = 'l';
	SHOW(mprotect(p, 4096, PROT_READ));
	abi_probe("read read-only", p, 0);
	abi_probe("write read-only", p + 5, 1);
	abi_probe("write the other page", p + 4096, 1);
	SHOW(mprotect(p, 2 * 4096, PROT_NONE));
	abi_probe("read PROT_NONE", p + 4096, 0);
	abi_probe("write PROT_NONE", p, 1);
	SHOW(mprotect(p, 2 * 4096, PROT_READ | PROT_WRITE));
	printf("data kept: %c %c\n", p[0], p[4096]);
	abi_probe("write after restoring", p, 1);
	SHOW(munmap(p, 2 * 4096));
	return 0;
}
