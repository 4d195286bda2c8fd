/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_AS: mmap, brk and mremap growth past it give ENOMEM; unmapping and shrinking still work. */
/* abi: glibc */
#include "abi.h"
#include <sys/mman.h>
#include <sys/resource.h>

static int limited(void *arg)
{
	struct rlimit r = {4096, RLIM_INFINITY}; /* below what is mapped already */
	char *a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *brk0 = (void *)syscall(SYS_brk, 0);

	(void)arg;
	SHOW(setrlimit(RLIMIT_AS, &r));
	SHOW(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	printf("errno: %s\n", abi_errname(errno));
	SHOW(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0) ==
	     MAP_FAILED);
	FACT("brk moved", (void *)syscall(SYS_brk, (char *)brk0 + 8192) != brk0);
	SHOW(mremap(a, 8192, 16384, MREMAP_MAYMOVE) == MAP_FAILED);
	printf("errno: %s\n", abi_errname(errno));
	/* replacing a mapping in place does not grow the space */
	SHOW(mmap(a, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == a);
	SHOW(mremap(a, 8192, 4096, 0) == a);
	SHOW(munmap(a, 4096));
	r.rlim_cur = RLIM_INFINITY;
	SHOW(setrlimit(RLIMIT_AS, &r));
	a = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	FACT("mapped again", a != MAP_FAILED);
	return 0;
}

int main(void)
{
	abi_run_child("limited", limited, NULL);
	return 0;
}
