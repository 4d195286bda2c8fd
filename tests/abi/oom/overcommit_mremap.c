/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Heuristic overcommit: mremap growing writable private memory past RAM is ENOMEM; read-only or MAP_NORESERVE memory may grow. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

#define HUGE (1ul << 40) /* 1 TiB: more than any test machine's RAM */

static void grow(const char *what, int prot, int flags)
{
	void *p = mmap(NULL, 4096, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *q = mremap(p, 4096, HUGE, MREMAP_MAYMOVE);

	printf("%s: %s\n", what, q == MAP_FAILED ? abi_errname(errno) : "grown");
	munmap(q == MAP_FAILED ? p : q, q == MAP_FAILED ? 4096 : HUGE);
}

int main(void)
{
	void *p;

	grow("private rw", PROT_READ | PROT_WRITE, 0);
	grow("private ro", PROT_READ, 0);
	grow("private rw noreserve", PROT_READ | PROT_WRITE, MAP_NORESERVE);
	/* shrinking and small growth are never refused */
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p = mremap(p, 8192, 4096, 0);
	printf("shrink: %s\n", p == MAP_FAILED ? abi_errname(errno) : "ok");
	p = mremap(p, 4096, 1 << 20, MREMAP_MAYMOVE);
	printf("grow to 1 MiB: %s\n", p == MAP_FAILED ? abi_errname(errno) : "ok");
	munmap(p, 1 << 20);
	return 0;
}
