/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* wait4's rusage carries the collected child's CPU time (its own and its collected children's). */
/* abi: glibc */
#include <sys/resource.h>
#include <time.h>
#include "abi.h"

static volatile long sink;

static void burn(long ms)
{
	struct timespec ts;

	do {
		for (int i = 0; i < 100000; i++)
			sink += i;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < ms);
}

static long usec(const struct timeval *tv)
{
	return tv->tv_sec * 1000000 + tv->tv_usec;
}

int main(void)
{
	struct rusage ru;
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		burn(200);
		_exit(3);
	}
	SHOW(wait4(pid, &status, 0, &ru) == pid);
	printf("status %#x\n", status);
	FACT("child user time >= 0.1 s", usec(&ru.ru_utime) >= 100000);
	FACT("child CPU time below 60 s", usec(&ru.ru_utime) + usec(&ru.ru_stime) < 60000000);
	pid = fork();
	if (pid == 0) {
		pid_t grandchild = fork();

		if (grandchild == 0) {
			burn(200);
			_exit(0);
		}
		waitpid(grandchild, NULL, 0);
		_exit(0);
	}
	SHOW(wait4(pid, &status, 0, &ru) == pid);
	FACT("includes the grandchild's time", usec(&ru.ru_utime) >= 100000);
	SHOW(wait4(-1, &status, WNOHANG, &ru));
	return 0;
}
