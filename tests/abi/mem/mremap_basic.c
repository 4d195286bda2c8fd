/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mremap: growth keeps data (zero tail), shrink unmaps, blocked growth without MAYMOVE ENOMEM. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int prot = PROT_READ | PROT_WRITE, anon = MAP_PRIVATE | MAP_ANONYMOUS;
	char *p = mmap(NULL, 2 * 4096, prot, anon, -1, 0), *q, *block;

	CHECK(p != MAP_FAILED);
	memset(p, 'r', 4096);
	/* a separate mapping right after p's first page blocks growth in place */
	block = p + 4096;
	SHOW(mprotect(block, 4096, PROT_READ));
	q = mremap(p, 4096, 4 * 4096, 0);
	printf("grow in place, blocked: %s\n", q == MAP_FAILED ? abi_errname(errno) : "moved?");
	q = mremap(p, 4096, 4 * 4096, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	FACT("moved", q != p);
	printf("q[0]=%c q[4095]=%c q[4096]=%d q[16383]=%d\n", q[0], q[4095], q[4096], q[16383]);
	abi_probe("old address", p, 0);
	p = mremap(q, 4 * 4096, 2 * 4096, 0);
	FACT("shrink keeps the address", p == q);
	abi_probe("read the shrunk tail", q + 3 * 4096, 0);
	abi_probe("read the kept part", q + 4096, 0);
	p = mremap(q, 2 * 4096, 3 * 4096, 0);
	FACT("grow in place into free space", p == q);
	munmap(q, 3 * 4096);
	munmap(block, 4096);
	return 0;
}
