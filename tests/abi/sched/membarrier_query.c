/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* membarrier: QUERY's command set, EINVAL for flags and unknown commands, GLOBAL and GLOBAL_EXPEDITED. */
/* abi: glibc */
#include "abi.h"

#include <linux/membarrier.h>

#define GET_REGISTRATIONS (1 << 9)

static long mb(int cmd, unsigned flags, int cpu)
{
	return syscall(SYS_membarrier, cmd, flags, cpu);
}

int main(void)
{
	long q = mb(MEMBARRIER_CMD_QUERY, 0, 0);

	printf("query %#lx\n", q);
	SHOW(mb(MEMBARRIER_CMD_QUERY, 1, 0));
	SHOW(mb(MEMBARRIER_CMD_QUERY, 0, 5)); /* cpu_id ignored without the flag */
	SHOW(mb(3, 0, 0));
	SHOW(mb(1 << 10, 0, 0));
	SHOW(mb(-1, 0, 0));
	SHOW(mb(MEMBARRIER_CMD_GLOBAL, 0, 0));
	SHOW(mb(MEMBARRIER_CMD_GLOBAL, MEMBARRIER_CMD_FLAG_CPU, 0));
	SHOW(mb(MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0, 0)); /* needs no registration */
	SHOW(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_FLAG_CPU, 0));
	SHOW(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, 2, 0));
	SHOW(mb(GET_REGISTRATIONS, 0, 0));
	SHOW(mb(GET_REGISTRATIONS, 1, 0));
	return 0;
}
