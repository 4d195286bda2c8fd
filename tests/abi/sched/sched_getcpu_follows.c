/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sched_getcpu (glibc: from its rseq area) names each CPU the caller is pinned to, as getcpu does. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>

int main(void)
{
	cpu_set_t all, one;
	int ok = 1, n = 0;

	sched_getaffinity(0, sizeof(all), &all);
	for (int i = 0; i < CPU_SETSIZE; i++) {
		unsigned cpu = ~0u;

		if (!CPU_ISSET(i, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(i, &one);
		sched_setaffinity(0, sizeof(one), &one);
		syscall(SYS_getcpu, &cpu, NULL, NULL);
		if (sched_getcpu() != i || cpu != (unsigned)i)
			ok = 0;
		n++;
	}
	FACT("sched_getcpu and getcpu follow every pinning", ok && n == CPU_COUNT(&all));
	SHOW(sched_setaffinity(0, sizeof(all), &all));
	return 0;
}
