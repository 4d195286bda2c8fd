/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* vm.overcommit_memory 0: a huge private read-only mapping costs nothing, but making it writable is a request the heuristic refuses (ENOMEM) unless MAP_NORESERVE; small ones pass. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

#define HUGE (1ul << 40) /* 1 TiB: more than any machine this runs on */

int main(void)
{
	void *a = mmap(NULL, HUGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *b = mmap(NULL, HUGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	void *c = mmap(NULL, 1 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(a != MAP_FAILED && b != MAP_FAILED && c != MAP_FAILED);
	SHOW(mprotect(a, HUGE, PROT_READ | PROT_WRITE));
	SHOW(mprotect(a, 1 << 20, PROT_READ | PROT_WRITE)); /* a small part of it */
	SHOW(mprotect(b, HUGE, PROT_READ | PROT_WRITE));
	SHOW(mprotect(c, 1 << 20, PROT_READ | PROT_WRITE));
	SHOW(mprotect(c, 1 << 20, PROT_READ | PROT_WRITE)); /* already writable */
	((char *)c)[0] = 1;
	((char *)b)[0] = 1;
	SHOW(munmap(a, HUGE));
	SHOW(munmap(b, HUGE));
	SHOW(munmap(c, 1 << 20));
	return 0;
}
