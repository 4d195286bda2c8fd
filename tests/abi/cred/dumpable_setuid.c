/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Changing the effective or fs ids makes a process non-dumpable and clears its parent-death signal; setting the same ids does not. */
/* abi: glibc */
#include "abi.h"

#include <sys/prctl.h>

static void show(const char *when)
{
	int sig = -1;

	prctl(PR_GET_PDEATHSIG, &sig);
	printf("%s: dumpable %d pdeathsig %d\n", when, prctl(PR_GET_DUMPABLE), sig);
}

static int child(void *arg)
{
	gid_t g = 5;

	(void)arg;
	prctl(PR_SET_PDEATHSIG, SIGUSR1);
	show("root");
	SHOW(syscall(SYS_setresuid, 0, 0, 0));
	SHOW(syscall(SYS_setgroups, 1, &g));
	show("same ids, new groups");
	SHOW(syscall(SYS_setresuid, 1000, -1, -1));
	show("real uid changed");
	SHOW(syscall(SYS_setfsgid, 7));
	show("fsgid changed");
	prctl(PR_SET_DUMPABLE, 1);
	prctl(PR_SET_PDEATHSIG, SIGUSR1);
	SHOW(syscall(SYS_setresuid, -1, 1000, -1));
	show("euid changed");
	return 0;
}

int main(void)
{
	abi_run_child("ids", child, NULL);
	return 0;
}
