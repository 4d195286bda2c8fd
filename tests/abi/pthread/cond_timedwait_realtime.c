/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_cond_timedwait (default CLOCK_REALTIME): ETIMEDOUT at the deadline, the mutex held again; signalled: 0. */
/* abi: glibc */
#include <pthread.h>
#include <time.h>
#include "abi.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int flag;

static void *signaller(void *arg)
{
	(void)arg;
	usleep(50000);
	pthread_mutex_lock(&lock);
	flag = 1;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	struct timespec start, now, deadline;
	pthread_t t;
	int r = 0;

	alarm(8);
	pthread_mutex_lock(&lock);
	clock_gettime(CLOCK_REALTIME, &start);
	deadline = start;
	deadline.tv_nsec += 100000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	SHOW_ERR(pthread_cond_timedwait(&cond, &lock, &deadline));
	clock_gettime(CLOCK_REALTIME, &now);
	FACT("reached the deadline",
	     now.tv_sec > deadline.tv_sec ||
		     (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	deadline.tv_sec = 0;
	SHOW_ERR(pthread_cond_timedwait(&cond, &lock, &deadline));
	if (QUIET_ERR(pthread_create(&t, NULL, signaller, NULL)))
		return 1;
	deadline.tv_sec = now.tv_sec + 5;
	while (!flag && r == 0)
		r = pthread_cond_timedwait(&cond, &lock, &deadline);
	printf("signalled wait = %s, flag = %d\n", r ? abi_errname(r) : "0", flag);
	pthread_mutex_unlock(&lock);
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
