/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setpriority without CAP_SYS_NICE: raising nice is free, lowering it past RLIMIT_NICE is EACCES; others' processes are EPERM. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static int user(void *arg)
{
	pid_t root = *(pid_t *)arg;
	struct rlimit r = {0, 0};		   /* no lowering at all (20 - 0 = 20) */
	unsigned id = 100000 + (unsigned)getpid(); /* PRIO_USER finds no other process */

	if (setrlimit(RLIMIT_NICE, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id))
		return 1;
	SHOW(setpriority(PRIO_PROCESS, 0, 10));
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(setpriority(PRIO_PROCESS, 0, 10));
	SHOW(setpriority(PRIO_PROCESS, 0, 9));
	SHOW(setpriority(PRIO_PROCESS, 0, -30));
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(setpriority(PRIO_PROCESS, 0, 50));
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(setpriority(PRIO_PROCESS, root, 19));
	SHOW(setpriority(PRIO_PROCESS, root, 0));
	SHOW(setpriority(PRIO_PROCESS, getpid(), 19));
	SHOW(setpriority(PRIO_PGRP, 0, 19)); /* the root parent is in the group too */
	SHOW(setpriority(PRIO_USER, id, 19));
	SHOW(setpriority(PRIO_USER, 0, 18));
	SHOW(getpriority(PRIO_PROCESS, 0));
	return 0;
}

int main(void)
{
	pid_t self = getpid();

	SHOW(setpriority(PRIO_PROCESS, 0, 0));
	abi_run_child("user", user, &self);
	SHOW(getpriority(PRIO_PROCESS, 0));
	SHOW(setpriority(PRIO_PROCESS, 0, -5)); /* CAP_SYS_NICE */
	SHOW(getpriority(PRIO_PROCESS, 0));
	return 0;
}
