/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_sigreturn restores all registers: a loop hit by many signals still computes right. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>
#include <sys/mman.h>

static volatile int handled;

static void handler(int sig)
{
	volatile double f = sig;
	volatile long x = sig;
	int i;

	for (i = 0; i < 50; i++) {
		f = f * 1.0001 + 3.0;
		x = x * 7 + i;
	}
	handled = 1;
}

static int child(void *arg)
{
	volatile int *stop = arg;
	unsigned long a = 0, bad = 0, iters = 0;
	double b = 0;

	signal(SIGUSR1, handler);
	stop[1] = 1;
	while (!*stop) {
		for (unsigned long i = 1; i <= 4096; i++) {
			a += i;
			b += (double)i;
			if ((double)a != b)
				bad++;
		}
		iters++;
		a = 0;
		b = 0;
	}
	printf("child: mismatches %lu, handler ran: %s, looped: %s\n", bad, handled ? "yes" : "no",
	       iters > 0 ? "yes" : "no");
	return 0;
}

int main(void)
{
	volatile int *stop =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int i;

	pid = fork();
	if (pid == 0)
		_exit(child((void *)stop));
	while (!stop[1])
		sched_yield();
	for (i = 0; i < 200; i++) {
		kill(pid, SIGUSR1);
		sched_yield();
	}
	*stop = 1;
	abi_wait_child("child", pid);
	return 0;
}
