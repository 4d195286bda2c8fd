/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sched_setaffinity moves the caller at once: getcpu reports each CPU it is pinned to, and a fork child starts there. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>

static unsigned where(void)
{
	unsigned cpu = ~0u;

	syscall(SYS_getcpu, &cpu, NULL, NULL);
	return cpu;
}

int main(void)
{
	cpu_set_t all, one, got;
	int ok = 1, pinned = 0, last = -1;
	pid_t pid;

	sched_getaffinity(0, sizeof(all), &all);
	for (int i = 0; i < CPU_SETSIZE; i++) {
		if (!CPU_ISSET(i, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(i, &one);
		if (sched_setaffinity(0, sizeof(one), &one) || where() != (unsigned)i)
			ok = 0;
		sched_getaffinity(0, sizeof(got), &got);
		if (!CPU_EQUAL(&got, &one))
			ok = 0;
		pinned++;
		last = i;
	}
	FACT("on each allowed CPU right after pinning", ok && pinned == CPU_COUNT(&all));
	pid = fork();
	if (pid == 0) {
		sched_getaffinity(0, sizeof(got), &got);
		FACT("child inherits the mask", CPU_EQUAL(&got, &one));
		FACT("child runs on that CPU", where() == (unsigned)last);
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(sched_setaffinity(0, sizeof(all), &all));
	sched_getaffinity(0, sizeof(got), &got);
	FACT("mask restored", CPU_EQUAL(&got, &all));
	return 0;
}
