/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* alarm returns the seconds left of the previous alarm, rounded; alarm(0) cancels it; the default action kills. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

static int child(void *arg)
{
	(void)arg;
	alarm(1);
	pause();
	printf("not reached\n");
	return 0;
}

int main(void)
{
	struct itimerval it;
	struct timespec ts = {0, 300000000};

	SHOW(alarm(0));
	SHOW(alarm(10));
	SHOW(alarm(5));
	SHOW(getitimer(ITIMER_REAL, &it));
	FACT("value between 4 and 5 s",
	     it.it_value.tv_sec == 4 || (it.it_value.tv_sec == 5 && it.it_value.tv_usec == 0));
	printf("interval %ld.%06ld\n", (long)it.it_interval.tv_sec, (long)it.it_interval.tv_usec);
	nanosleep(&ts, NULL);
	SHOW(alarm(0)); /* 4.7 s left: rounds to 5 */
	SHOW(alarm(0));
	SHOW(getitimer(ITIMER_REAL, &it));
	FACT("disarmed", it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0);
	abi_run_child("alarm default action", child, NULL);
	return 0;
}
