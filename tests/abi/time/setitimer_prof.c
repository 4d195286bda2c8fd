/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ITIMER_PROF counts user and system CPU time: busy system calls get SIGPROF, a sleep does not. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

static volatile int fired;

static void handler(int sig)
{
	(void)sig;
	fired++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct itimerval it = {{0, 0}, {0, 50000}}, cur;
	struct timespec nap = {0, 200000000};
	struct sigaction sa;
	double end;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGPROF, &sa, NULL);
	SHOW(setitimer(ITIMER_PROF, &it, NULL));
	nanosleep(&nap, NULL);
	FACT("fired while sleeping", fired);
	SHOW(getitimer(ITIMER_PROF, &cur));
	FACT("still armed", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0);
	end = now() + 20;
	while (!fired && now() < end)
		getppid();
	FACT("fired while busy", fired);
	SHOW(getitimer(ITIMER_PROF, &cur));
	FACT("one-shot: disarmed", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
	return 0;
}
