/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_CPU: SIGXCPU past the soft limit (which moves a second on), SIGKILL at the hard limit. */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

static volatile int xcpu;

static void on_xcpu(int sig)
{
	(void)sig;
	xcpu++;
}

static int spin(void *arg)
{
	struct rlimit r = {1, arg ? 2 : RLIM_INFINITY};

	if (arg)
		signal(SIGXCPU, on_xcpu);
	setrlimit(RLIMIT_CPU, &r);
	while (!xcpu)
		;
	getrlimit(RLIMIT_CPU, &r);
	printf("SIGXCPU caught; soft limit now %lu\n", (unsigned long)r.rlim_cur);
	while (xcpu < 100)
		; /* SIGKILL comes first */
	return 0;
}

int main(void)
{
	abi_run_child("default action", spin, NULL);
	abi_run_child("handled", spin, "h");
	return 0;
}
