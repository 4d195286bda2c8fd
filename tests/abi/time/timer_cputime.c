/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A CLOCK_PROCESS_CPUTIME_ID timer expires after CPU time is used, not while the process sleeps. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

struct ksigevent {
	union sigval value;
	int signo, notify, tid, pad[11];
};

static volatile int fired;
static volatile long sink;

static void handler(int sig)
{
	(void)sig;
	fired++;
}

int main(void)
{
	struct ksigevent ev = {.signo = SIGUSR1, .notify = SIGEV_SIGNAL};
	struct itimerspec its = {{0, 0}, {0, 100000000}};
	struct timespec nap = {0, 300000000}, t;
	struct sigaction sa;
	int id = -1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	SHOW(syscall(SYS_timer_create, CLOCK_PROCESS_CPUTIME_ID, &ev, &id));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	nanosleep(&nap, NULL);
	FACT("fired while sleeping", fired);
	do {
		for (int i = 0; i < 100000; i++)
			sink += i;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (!fired && clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) == 0 && t.tv_sec < 5);
	FACT("fired while busy", fired);
	SHOW(syscall(SYS_timer_delete, id));
	return 0;
}
