/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* times() and getrusage() report CPU time: a busy loop shows as user time, a waited-for child's as children's time. */
/* abi: glibc */
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include "abi.h"

static volatile long sink;

/* Burn about `ms` of this process's CPU time. */
static void burn(long ms)
{
	struct timespec ts;

	do {
		for (int i = 0; i < 100000; i++)
			sink += i;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < ms);
}

int main(void)
{
	struct rusage ru;
	struct tms t;
	pid_t pid;

	SHOW(getrusage(RUSAGE_CHILDREN, &ru));
	FACT("children: none yet", ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0);
	burn(300);
	SHOW_OK(times(&t));
	FACT("times: user time >= 0.1 s", t.tms_utime >= 10);
	FACT("times: no children time", t.tms_cutime == 0 && t.tms_cstime == 0);
	SHOW(getrusage(RUSAGE_SELF, &ru));
	FACT("rusage: user time >= 0.1 s",
	     ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec >= 100000);
	FACT("rusage: user + system below 60 s", ru.ru_utime.tv_sec + ru.ru_stime.tv_sec < 60);
	pid = fork();
	if (pid == 0) {
		burn(300);
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(getrusage(RUSAGE_CHILDREN, &ru));
	FACT("children: user time >= 0.1 s",
	     ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec >= 100000);
	SHOW_OK(times(&t));
	FACT("times: children user time >= 0.1 s", t.tms_cutime >= 10);
	return 0;
}
