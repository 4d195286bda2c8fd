// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/* cpuspread N: N busy children, each noting for a second the CPUs getcpu(2)
 * reports it on; prints how many distinct CPUs ran them (SMP's acceptance:
 * user programs run on every CPU). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 4, fds[2], seen = 0;
	unsigned long long all = 0, mask;

	if (pipe(fds))
		return 1;
	for (int i = 0; i < n; i++) {
		if (fork() == 0) {
			double end = now() + 1.0;
			unsigned cpu;

			mask = 0;
			while (now() < end) {
				if (syscall(SYS_getcpu, &cpu, NULL, NULL) == 0 && cpu < 64)
					mask |= 1ull << cpu;
			}
			write(fds[1], &mask, sizeof(mask));
			_exit(0);
		}
	}
	for (int i = 0; i < n; i++) {
		if (read(fds[0], &mask, sizeof(mask)) == sizeof(mask))
			all |= mask;
		wait(NULL);
	}
	for (int c = 0; c < 64; c++)
		seen += !!(all & (1ull << c));
	printf("cpuspread: %d CPU(s) ran user code\n", seen);
	return 0;
}
