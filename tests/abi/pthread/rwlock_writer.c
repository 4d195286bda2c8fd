/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A writer excludes readers and writers in other threads; a writer relocking waits (musl) or gets EDEADLK (glibc). */
/* abi: glibc */
#include <pthread.h>
#include <time.h>
#include "abi.h"

static pthread_rwlock_t rw;

static void soon(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_nsec = ts->tv_nsec >= 900000000 ? 999999999 : ts->tv_nsec + 50000000;
}

static void *other(void *arg)
{
	struct timespec ts;

	(void)arg;
	SHOW_ERR(pthread_rwlock_tryrdlock(&rw));
	SHOW_ERR(pthread_rwlock_trywrlock(&rw));
	soon(&ts);
	SHOW_ERR(pthread_rwlock_timedrdlock(&rw, &ts));
	return NULL;
}

int main(void)
{
	pthread_rwlockattr_t attr;
	struct timespec ts;
	pthread_t t;

	alarm(8);
	pthread_rwlockattr_init(&attr);
	SHOW_ERR(pthread_rwlockattr_setpshared(&attr, 5));
	SHOW_ERR(pthread_rwlock_init(&rw, &attr));
	SHOW_ERR(pthread_rwlock_wrlock(&rw));
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	soon(&ts);
	SHOW_ERR(pthread_rwlock_timedwrlock(&rw, &ts));
	SHOW_ERR(pthread_rwlock_tryrdlock(&rw));
	SHOW_ERR(pthread_rwlock_unlock(&rw));
	SHOW_ERR(pthread_rwlock_rdlock(&rw));
	SHOW_ERR(pthread_rwlock_rdlock(&rw));
	SHOW_ERR(pthread_rwlock_unlock(&rw));
	SHOW_ERR(pthread_rwlock_unlock(&rw));
	SHOW_ERR(pthread_rwlock_destroy(&rw));
	return 0;
}
