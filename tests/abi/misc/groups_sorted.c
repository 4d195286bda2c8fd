/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setgroups stores the supplementary groups sorted (duplicates kept); getgroups reads them, fork and exec keep them. */
/* abi: glibc */
#include "abi.h"

static void show_groups(const char *when)
{
	gid_t g[8];
	long n = syscall(SYS_getgroups, 8, g);

	printf("%s: count %ld, groups", when, syscall(SYS_getgroups, 0, NULL));
	for (long i = 0; i < n; i++)
		printf(" %u", (unsigned)g[i]);
	printf("\n");
}

static int child(void *arg)
{
	(void)arg;
	show_groups("forked child");
	gid_t one = 7;

	SHOW(syscall(SYS_setgroups, 1, &one));
	show_groups("child after setgroups");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		show_groups("after exec");
		return 0;
	}
	gid_t set[5] = {30, 10, 4000000000u, 20, 10};

	SHOW(syscall(SYS_setgroups, 5, set));
	show_groups("after setgroups");
	abi_run_child("fork", child, NULL);
	show_groups("parent after child");
	fflush(stdout);
	if (fork() == 0) {
		execl("/proc/self/exe", argv[0], "exec", (char *)NULL);
		_exit(127);
	}
	wait(NULL);
	SHOW(syscall(SYS_setgroups, 0, ABI_BADPTR));
	show_groups("after setgroups(0)");
	return 0;
}
