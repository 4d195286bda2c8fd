/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGSTOP stops every thread of a process (its counters freeze) and SIGCONT resumes them all. */
/* abi: glibc */
#include <pthread.h>
#include <sys/mman.h>
#include "abi.h"

#define NTHREADS 3

static volatile unsigned long *counters;

static void *spin(void *arg)
{
	volatile unsigned long *c = &counters[(long)arg];

	for (;;)
		(*c)++;
	return NULL;
}

/* How many counters advance: within 200 ms if `quick` (a stopped process),
 * else within up to 3 s (a loaded host may leave a thread unscheduled). */
static int moving(int quick)
{
	unsigned long before[NTHREADS];
	int n = 0;

	for (int i = 0; i < NTHREADS; i++)
		before[i] = counters[i];
	for (int tries = quick ? 1 : 15; tries > 0 && n < NTHREADS; tries--) {
		usleep(200000);
		n = 0;
		for (int i = 0; i < NTHREADS; i++)
			n += counters[i] != before[i];
	}
	return n;
}

int main(void)
{
	siginfo_t si;
	pid_t pid;
	int n;

	alarm(8);
	counters = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		for (long i = 0; i < NTHREADS; i++)
			if (pthread_create(&t, NULL, spin, (void *)i) != 0)
				_exit(1);
		pause();
		_exit(0);
	}
	n = moving(0);
	printf("threads moving before: %d\n", n);
	if (n < NTHREADS) {
		kill(pid, SIGKILL);
		abi_wait_child("child", pid);
		return 1;
	}
	SHOW(kill(pid, SIGSTOP));
	SHOW(waitid(P_PID, pid, &si, WSTOPPED));
	printf("%s %s, threads moving while stopped: %d\n", abi_sicode(SIGCHLD, si.si_code),
	       abi_signame(si.si_status), moving(1));
	SHOW(kill(pid, SIGCONT));
	SHOW(waitid(P_PID, pid, &si, WCONTINUED));
	printf("threads moving after SIGCONT: %d\n", moving(0));
	SHOW(kill(pid, SIGKILL));
	abi_wait_child("child", pid);
	return 0;
}
