/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_mutex_timedlock on a held mutex: ETIMEDOUT after the deadline; a bad tv_nsec: EINVAL. */
/* abi: glibc */
#include <pthread.h>
#include <time.h>
#include "abi.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t held, done;

static void *holder(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	pthread_barrier_wait(&held);
	pthread_barrier_wait(&done);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static long ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_REALTIME, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

int main(void)
{
	struct timespec start, deadline, bad;
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&held, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, holder, NULL)))
		return 1;
	pthread_barrier_wait(&held);
	clock_gettime(CLOCK_REALTIME, &start);
	deadline = start;
	deadline.tv_nsec += 100000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	SHOW_ERR(pthread_mutex_timedlock(&lock, &deadline));
	FACT("waited at least 100 ms", ms_since(&start) >= 100);
	bad = start;
	bad.tv_nsec = 1000000000;
	SHOW_ERR(pthread_mutex_timedlock(&lock, &bad));
	deadline.tv_sec = 0;
	SHOW_ERR(pthread_mutex_timedlock(&lock, &deadline));
	pthread_barrier_wait(&done);
	SHOW_ERR(pthread_join(t, NULL));
	clock_gettime(CLOCK_REALTIME, &deadline);
	SHOW_ERR(pthread_mutex_timedlock(&lock, &deadline));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	return 0;
}
