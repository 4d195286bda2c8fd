/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sched_setscheduler/sched_setparam without CAP_SYS_NICE: RLIMIT_RTPRIO 0 forbids real-time policies (EPERM), others' processes too. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sched.h>
#include <sys/resource.h>

static long setsched(pid_t pid, int policy, int prio)
{
	struct sched_param p = {.sched_priority = prio};

	return syscall(SYS_sched_setscheduler, pid, policy, &p);
}

static long setparam(pid_t pid, int prio)
{
	struct sched_param p = {.sched_priority = prio};

	return syscall(SYS_sched_setparam, pid, &p);
}

static int user(void *arg)
{
	pid_t root = *(pid_t *)arg;
	struct rlimit r = {0, 0};

	if (setrlimit(RLIMIT_RTPRIO, &r) || setrlimit(RLIMIT_NICE, &r) ||
	    setresgid(1000, 1000, 1000) || setgroups(0, NULL) || setresuid(1000, 1000, 1000))
		return 1;
	SHOW(setsched(0, SCHED_FIFO, 1));
	SHOW(setsched(0, SCHED_RR, 1));
	SHOW(setparam(0, 1));
	SHOW(setparam(0, 0));
	SHOW(setsched(0, SCHED_BATCH, 0));
	SHOW(setsched(0, SCHED_OTHER, 0));
	SHOW(setsched(root, SCHED_OTHER, 0));
	SHOW(setparam(root, 0));
	SHOW(setsched(0, SCHED_IDLE, 0));
	SHOW(setsched(0, SCHED_OTHER, 0)); /* leaving SCHED_IDLE needs RLIMIT_NICE */
	SHOW(setsched(0, SCHED_IDLE, 0));
	SHOW(syscall(SYS_sched_getscheduler, 0));
	return 0;
}

int main(void)
{
	pid_t self = getpid();

	abi_run_child("uid 1000", user, &self);
	SHOW(setsched(0, SCHED_FIFO, 50)); /* CAP_SYS_NICE */
	SHOW(setparam(0, 60));
	SHOW(setsched(0, SCHED_OTHER, 0));
	return 0;
}
