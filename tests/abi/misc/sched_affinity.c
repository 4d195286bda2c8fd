/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sched_getaffinity/setaffinity: the online CPUs, size rules, EINVAL for an empty mask, EFAULT, ESRCH. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>

int main(void)
{
	unsigned long mask[16], one = 1, zero = 0;
	long n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	FACT("returns a multiple of 8", n > 0 && n % 8 == 0);
	FACT("cpu 0 set", n > 0 && (mask[0] & 1));
	FACT("count = online CPUs", __builtin_popcountl(mask[0]) == online);
	SHOW(syscall(SYS_sched_getaffinity, 0, 0x100000008ul, mask)); /* len is 32-bit */
	SHOW(syscall(SYS_sched_getaffinity, 0, 4, mask));
	SHOW(syscall(SYS_sched_getaffinity, 0, 12, mask));
	SHOW(syscall(SYS_sched_getaffinity, 0, 0, mask));
	SHOW(syscall(SYS_sched_getaffinity, 0, sizeof(mask), ABI_BADPTR));
	SHOW(syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof(mask), mask));
	SHOW(syscall(SYS_sched_getaffinity, -1, sizeof(mask), mask));
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(zero), &zero));
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(one), ABI_BADPTR));
	SHOW(syscall(SYS_sched_setaffinity, 0x3fffffff, sizeof(one), &one));
	SHOW(syscall(SYS_sched_setaffinity, 0, 1, &one));
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(one), &one));
	SHOW_OK(syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask));
	printf("mask now %lx\n", mask[0]);
	if (fork() == 0) {
		syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
		printf("child mask %lx\n", mask[0]);
		_exit(0);
	}
	wait(NULL);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SHOW(sched_setaffinity(0, sizeof(set), &set));
	SHOW(sched_getaffinity(0, sizeof(set), &set));
	printf("CPU_COUNT %d\n", CPU_COUNT(&set));
	return 0;
}
