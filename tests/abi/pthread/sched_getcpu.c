/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sched_getcpu and getcpu name a CPU of the caller's affinity mask; a thread that pins itself runs there. */
/* abi: glibc */
#include <pthread.h>
#include <sched.h>
#include "abi.h"

static int last_cpu(const cpu_set_t *set)
{
	int last = -1;

	for (int i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, set))
			last = i;
	return last;
}

static void *pinned(void *arg)
{
	int want = (int)(long)arg, ok = 1;
	unsigned cpu = 99, node = 99;
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(want, &one);
	SHOW(sched_setaffinity(0, sizeof(one), &one));
	for (int i = 0; i < 20; i++) {
		ok &= sched_getcpu() == want;
		ok &= syscall(SYS_getcpu, &cpu, &node, NULL) == 0 && (int)cpu == want;
		sched_yield();
	}
	printf("pinned thread stays on its CPU: %s, node %u\n", ok ? "yes" : "no", node);
	return NULL;
}

int main(void)
{
	cpu_set_t set, mine;
	pthread_t t;
	int cpu;

	alarm(8);
	SHOW(sched_getaffinity(0, sizeof(set), &set));
	cpu = sched_getcpu();
	FACT("sched_getcpu in the mask", cpu >= 0 && cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set));
	SHOW(syscall(SYS_getcpu, NULL, NULL, NULL));
	SHOW(syscall(SYS_getcpu, ABI_BADPTR, NULL, NULL));
	if (QUIET_ERR(pthread_create(&t, NULL, pinned, (void *)(long)last_cpu(&set))))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	SHOW(sched_getaffinity(0, sizeof(mine), &mine));
	FACT("main's mask unchanged", CPU_EQUAL(&set, &mine));
	return 0;
}
