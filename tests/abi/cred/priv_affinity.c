/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Another user's affinity and I/O priority need CAP_SYS_NICE (EPERM); one's own do not; the real-time I/O class does. */
/* abi: glibc */
#include "abi.h"

#include <linux/ioprio.h>
#include <sched.h>

static int child(void *arg)
{
	pid_t root = *(pid_t *)arg;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_sched_setaffinity, root, sizeof(set), &set));
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(set), &set));
	CPU_ZERO(&set);
	SHOW(syscall(SYS_sched_setaffinity, root, sizeof(set), &set)); /* EPERM before EINVAL */
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(set), &set));
	SHOW_OK(syscall(SYS_sched_getaffinity, root, sizeof(set), &set));
	SHOW(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, root,
		     IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)));
	SHOW(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)));
	SHOW(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 4)));
	return 0;
}

int main(void)
{
	pid_t self = getpid();

	abi_run_child("uid 1000", child, &self);
	return 0;
}
