/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Anonymous mmap: page-aligned, zero-filled, writable; a free hint address is honoured. */
/* abi: glibc */
#include "abi.h"

#include <stdint.h>
#include <sys/mman.h>

int main(void)
{
	size_t len = 5 * 4096, i, nonzero = 0;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *q;

	CHECK(p != MAP_FAILED);
	FACT("page aligned", ((uintptr_t)p & 4095) == 0);
	for (i = 0; i < len; i++)
		nonzero += p[i] != 0;
	printf("nonzero bytes: %zu\n", nonzero);
	memset(p, 'a', len);
	abi_probe("write last byte", p + len - 1, 1);
	SHOW(munmap(p, len));
	q = mmap(p, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	FACT("free hint honoured", q == p);
	SHOW(munmap(q, 4096));
	p = mmap(NULL, 10, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	abi_probe("shared: write beyond length 10 (same page)", p + 4095, 1);
	SHOW(munmap(p, 10));
	return 0;
}
