/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_DATA: brk, private writable mappings and mprotect making them past it fail (ENOMEM); read-only and shared ones do not count. */
/* abi: glibc */
#include "abi.h"
#include <sys/mman.h>
#include <sys/resource.h>

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static int limited(void *arg)
{
	struct rlimit r = {4096, RLIM_INFINITY}; /* below the program's own data */
	void *brk0 = (void *)syscall(SYS_brk, 0);
	char *ro = mmap(NULL, 8192, PROT_READ, ANON, -1, 0);

	(void)arg;
	SHOW(setrlimit(RLIMIT_DATA, &r));
	SHOW(mmap(NULL, 4096, PROT_READ | PROT_WRITE, ANON, -1, 0) == MAP_FAILED);
	printf("errno: %s\n", abi_errname(errno));
	SHOW(mmap(NULL, 4096, PROT_READ, ANON, -1, 0) == MAP_FAILED);
	SHOW(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0) ==
	     MAP_FAILED);
	FACT("brk moved", (void *)syscall(SYS_brk, (char *)brk0 + 8192) != brk0);
	SHOW(mprotect(ro, 4096, PROT_READ | PROT_WRITE)); /* it would become data */
	SHOW(mprotect(ro, 4096, PROT_READ | PROT_EXEC));
	SHOW(mremap(ro + 4096, 4096, 16384, MREMAP_MAYMOVE) == MAP_FAILED);
	r.rlim_cur = RLIM_INFINITY;
	SHOW(setrlimit(RLIMIT_DATA, &r));
	SHOW(mmap(NULL, 4096, PROT_READ | PROT_WRITE, ANON, -1, 0) == MAP_FAILED);
	FACT("brk moved", (void *)syscall(SYS_brk, (char *)brk0 + 8192) != brk0);
	return 0;
}

int main(void)
{
	abi_run_child("limited", limited, NULL);
	return 0;
}
