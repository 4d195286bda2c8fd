/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_STACK: the main stack grows to the soft limit; a deeper recursion dies of SIGSEGV. */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

/* Touch `kb` KiB of stack, a page per call. */
static int deep(int kb)
{
	volatile char page[4096];

	page[0] = (char)kb;
	page[4095] = 1;
	return kb <= 4 ? page[0] : deep(kb - 4) + page[4095];
}

static int recurse(void *arg)
{
	struct rlimit r = {(rlim_t)(unsigned long)arg, RLIM_INFINITY};

	setrlimit(RLIMIT_STACK, &r);
	return deep(1024) > 0 ? 0 : 1; /* 1 MiB */
}

int main(void)
{
	abi_run_child("limit 256 KiB", recurse, (void *)(256 << 10));
	abi_run_child("limit 4 MiB", recurse, (void *)(4 << 20));
	return 0;
}
