/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sched_setaffinity: CPUs that are not online are dropped; a mask of only such CPUs is EINVAL and changes nothing. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	unsigned long mask[16] = {0}, before[16], after[16];
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long hi = 1ul << 63; /* assumes fewer than 64 CPUs */

	syscall(SYS_sched_getaffinity, 0, sizeof(before), before);
	mask[0] = hi;
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(mask), mask));
	mask[0] = 0;
	mask[5] = 1; /* CPU 320 */
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(mask), mask));
	syscall(SYS_sched_getaffinity, 0, sizeof(after), after);
	FACT("unchanged", after[0] == before[0]);
	mask[0] = hi | 1;
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(mask), mask));
	SHOW(syscall(SYS_sched_getaffinity, 0, sizeof(after), after) > 0);
	printf("mask now %lx\n", after[0]);
	mask[0] = ~0ul;
	SHOW(syscall(SYS_sched_setaffinity, 0, sizeof(unsigned long), mask));
	syscall(SYS_sched_getaffinity, 0, sizeof(after), after);
	FACT("all ones gives the online CPUs", __builtin_popcountl(after[0]) == online);
	return 0;
}
