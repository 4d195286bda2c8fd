/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A zero it_value disarms: ITIMER_REAL then reads back no interval, the CPU-time timers keep theirs. */
/* abi: glibc */
#include <sys/time.h>
#include "abi.h"

static void show(const char *name, int which)
{
	struct itimerval cur;

	getitimer(which, &cur);
	printf("%s: value %s, interval %ld.%06ld\n", name,
	       cur.it_value.tv_sec || cur.it_value.tv_usec ? "set" : "zero",
	       (long)cur.it_interval.tv_sec, (long)cur.it_interval.tv_usec);
}

int main(void)
{
	struct itimerval off = {{0, 300000}, {0, 0}};
	struct itimerval on = {{0, 300000}, {100, 0}};

	SHOW(setitimer(ITIMER_REAL, &off, NULL));
	show("real, zero value", ITIMER_REAL);
	SHOW(setitimer(ITIMER_VIRTUAL, &off, NULL));
	show("virtual, zero value", ITIMER_VIRTUAL);
	SHOW(setitimer(ITIMER_PROF, &off, NULL));
	show("prof, zero value", ITIMER_PROF);
	SHOW(setitimer(ITIMER_REAL, &on, NULL));
	show("real, armed", ITIMER_REAL);
	SHOW(setitimer(ITIMER_REAL, &off, NULL));
	show("real, disarmed", ITIMER_REAL);
	return 0;
}
