/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setitimer(ITIMER_REAL) with an interval re-arms: SIGALRM comes again; the old value comes back; zero disarms. */
/* abi: glibc */
#include <sys/time.h>
#include "abi.h"

static volatile int ticks;

static void handler(int sig)
{
	(void)sig;
	ticks++;
}

int main(void)
{
	struct itimerval it = {{0, 20000}, {0, 30000}}, old, cur;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	SHOW(setitimer(ITIMER_REAL, &it, &old));
	FACT("old value was zero",
	     old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0 && old.it_interval.tv_usec == 0);
	while (ticks < 3)
		pause();
	printf("SIGALRM came %s\n", ticks >= 3 ? "3 times or more" : "too few times");
	SHOW(getitimer(ITIMER_REAL, &cur));
	printf("interval %ld.%06ld\n", (long)cur.it_interval.tv_sec, (long)cur.it_interval.tv_usec);
	FACT("value within the interval",
	     cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 20000);
	memset(&it, 0, sizeof(it));
	SHOW(setitimer(ITIMER_REAL, &it, &old));
	printf("old interval %ld.%06ld\n", (long)old.it_interval.tv_sec,
	       (long)old.it_interval.tv_usec);
	SHOW(getitimer(ITIMER_REAL, &cur));
	FACT("disarmed",
	     cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0 && cur.it_interval.tv_usec == 0);
	return 0;
}
