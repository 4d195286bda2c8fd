/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A periodic ITIMER_REAL re-arms when its SIGALRM is taken: blocked or ignored, it reads 0 and stops. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

static volatile int alarms;

static void handler(int sig)
{
	(void)sig;
	alarms++;
}

static void show(const char *when)
{
	struct itimerval cur;

	getitimer(ITIMER_REAL, &cur);
	printf("%s: value %s, interval %ld.%06ld\n", when,
	       cur.it_value.tv_sec || cur.it_value.tv_usec ? "running" : "zero",
	       (long)cur.it_interval.tv_sec, (long)cur.it_interval.tv_usec);
}

int main(void)
{
	struct itimerval it = {{0, 500000}, {0, 10000}};
	struct timespec nap = {0, 100000000}, long_nap = {0, 700000000};
	sigset_t set;

	signal(SIGALRM, handler);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(setitimer(ITIMER_REAL, &it, NULL));
	nanosleep(&nap, NULL);
	show("SIGALRM pending");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("handler ran %d time(s)\n", alarms);
	show("after delivery");
	signal(SIGALRM, SIG_IGN);
	nanosleep(&long_nap, NULL);
	show("SIGALRM ignored");
	signal(SIGALRM, handler);
	nanosleep(&long_nap, NULL);
	printf("handler ran %d time(s)\n", alarms);
	return 0;
}
