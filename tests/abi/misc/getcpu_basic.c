/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getcpu: an online CPU and node 0; NULL pointers skipped, a bad one EFAULT. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	unsigned cpu = 999, node = 999;
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	SHOW(syscall(SYS_getcpu, &cpu, &node, NULL));
	FACT("cpu is online", cpu < (unsigned)online);
	printf("node %u\n", node);
	SHOW(syscall(SYS_getcpu, NULL, NULL, NULL));
	SHOW(syscall(SYS_getcpu, NULL, NULL, ABI_BADPTR)); /* the cache argument is unused */
	SHOW(syscall(SYS_getcpu, ABI_BADPTR, &node, NULL));
	SHOW(syscall(SYS_getcpu, &cpu, ABI_BADPTR, NULL));
	return 0;
}
