/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A robust mutex left by a dead thread, waited for by a blocked locker: EOWNERDEAD, consistent, usable again. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_mutex_t lock;
static pthread_barrier_t held;

static void *die_holding(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	pthread_barrier_wait(&held);
	usleep(100000);
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&held, NULL, 2);
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&lock, &attr);
	if (QUIET_ERR(pthread_create(&t, NULL, die_holding, NULL)))
		return 1;
	pthread_barrier_wait(&held);
	/* Blocks until the owner exits with the lock held. */
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_consistent(&lock));
	SHOW_ERR(pthread_mutex_consistent(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_join(t, NULL));
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	return 0;
}
