/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_STACK above the 8 MiB default: after execve the main stack may grow that far. */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

static int deep(int kb)
{
	volatile char page[4096];

	page[0] = (char)kb;
	page[4095] = 1;
	return kb <= 4 ? page[0] : deep(kb - 4) + page[4095];
}

static int child(void *arg)
{
	struct rlimit r = {32 << 20, RLIM_INFINITY};
	char *argv[] = {(char *)arg, "deep", NULL};

	setrlimit(RLIMIT_STACK, &r);
	execv(argv[0], argv);
	return 127;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return deep(12 << 10) > 0 ? 0 : 1; /* 12 MiB */
	abi_run_child("12 MiB deep with a 32 MiB limit", child, argv[0]);
	return 0;
}
