/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MAP_FIXED replaces part of an existing mapping; MAP_FIXED_NOREPLACE refuses with EEXIST. */
#include "abi.h"

#include <sys/mman.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

int main(void)
{
	int prot = PROT_READ | PROT_WRITE, anon = MAP_PRIVATE | MAP_ANONYMOUS;
	char *p = mmap(NULL, 3 * 4096, prot, anon, -1, 0), *q;

	CHECK(p != MAP_FAILED);
	memset(p, 'o', 3 * 4096);
	q = mmap(p + 4096, 4096, prot, anon | MAP_FIXED, -1, 0);
	FACT("MAP_FIXED at the middle page", q == p + 4096);
	printf("p[0]=%c p[4096]=%d p[8192]=%c\n", p[0], p[4096], p[8192]);
	q = mmap(p + 4096, 4096, prot, anon | MAP_FIXED_NOREPLACE, -1, 0);
	printf("MAP_FIXED_NOREPLACE over a mapping: %s\n",
	       q == MAP_FAILED ? abi_errname(errno) : "mapped");
	SHOW(munmap(p + 4096, 4096));
	q = mmap(p + 4096, 4096, prot, anon | MAP_FIXED_NOREPLACE, -1, 0);
	FACT("MAP_FIXED_NOREPLACE into the hole", q == p + 4096);
	q = mmap(p + 4096, 8192, PROT_READ, anon | MAP_FIXED, -1, 0);
	FACT("MAP_FIXED over two pages", q == p + 4096);
	printf("p[0]=%c p[8192]=%d\n", p[0], p[8192]);
	abi_probe("write the now read-only page", p + 8192, 1);
	SHOW(munmap(p, 3 * 4096));
	return 0;
}
