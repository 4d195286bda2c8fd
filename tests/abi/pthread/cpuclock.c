/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_getcpuclockid gives another thread's CPU clock: it counts that thread's work, under the process total. */
/* abi: glibc */
#include <pthread.h>
#include <time.h>
#include "abi.h"

static pthread_barrier_t worked, done;

static long ms(clockid_t clk)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts) != 0)
		return -1;
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *busy(void *arg)
{
	(void)arg;
	while (ms(CLOCK_THREAD_CPUTIME_ID) < 200)
		;
	pthread_barrier_wait(&worked);
	pthread_barrier_wait(&done);
	return NULL;
}

int main(void)
{
	struct timespec res;
	clockid_t clk;
	long start_ms, thread_ms, self_ms, process_ms;
	pthread_t t;

	alarm(8);
	start_ms = ms(CLOCK_THREAD_CPUTIME_ID);
	pthread_barrier_init(&worked, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, busy, NULL)))
		return 1;
	pthread_barrier_wait(&worked);
	SHOW_ERR(pthread_getcpuclockid(t, &clk));
	SHOW(clock_getres(clk, &res));
	thread_ms = ms(clk);
	self_ms = ms(CLOCK_THREAD_CPUTIME_ID);
	process_ms = ms(CLOCK_PROCESS_CPUTIME_ID);
	FACT("the thread's clock shows its 200 ms", thread_ms >= 200);
	FACT("main's own clock moved little while it waited", self_ms - start_ms < 100);
	FACT("the process clock covers both", process_ms >= thread_ms + self_ms);
	SHOW_ERR(pthread_getcpuclockid(pthread_self(), &clk));
	FACT("main's clock via its id agrees", ms(clk) >= self_ms);
	pthread_barrier_wait(&done);
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
