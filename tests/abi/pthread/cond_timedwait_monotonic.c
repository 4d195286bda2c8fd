/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A condition variable on CLOCK_MONOTONIC times out against that clock; a CPU-time clock: EINVAL. */
/* abi: glibc */
#include <pthread.h>
#include <time.h>
#include "abi.h"

int main(void)
{
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct timespec start, now, deadline;
	pthread_condattr_t attr;
	pthread_cond_t cond;
	clockid_t clk = -1;

	alarm(8);
	pthread_condattr_init(&attr);
	SHOW_ERR(pthread_condattr_getclock(&attr, &clk));
	CHECK(clk == CLOCK_REALTIME);
	SHOW_ERR(pthread_condattr_setclock(&attr, CLOCK_PROCESS_CPUTIME_ID));
	SHOW_ERR(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC));
	SHOW_ERR(pthread_condattr_getclock(&attr, &clk));
	CHECK(clk == CLOCK_MONOTONIC);
	SHOW_ERR(pthread_cond_init(&cond, &attr));
	pthread_mutex_lock(&lock);
	clock_gettime(CLOCK_MONOTONIC, &start);
	deadline = start;
	deadline.tv_nsec += 100000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	SHOW_ERR(pthread_cond_timedwait(&cond, &lock, &deadline));
	clock_gettime(CLOCK_MONOTONIC, &now);
	FACT("monotonic deadline reached",
	     now.tv_sec > deadline.tv_sec ||
		     (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec));
	FACT("returned within 3 s", now.tv_sec - start.tv_sec < 3);
	deadline.tv_nsec = 1000000000;
	SHOW_ERR(pthread_cond_timedwait(&cond, &lock, &deadline));
	pthread_mutex_unlock(&lock);
	SHOW_ERR(pthread_cond_destroy(&cond));
	return 0;
}
