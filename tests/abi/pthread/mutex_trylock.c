/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_mutex_trylock on a mutex another thread holds: EBUSY; once released: 0. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t held, tried;

static void *holder(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	pthread_barrier_wait(&held);
	pthread_barrier_wait(&tried);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&held, NULL, 2);
	pthread_barrier_init(&tried, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, holder, NULL)))
		return 1;
	pthread_barrier_wait(&held);
	SHOW_ERR(pthread_mutex_trylock(&lock));
	pthread_barrier_wait(&tried);
	SHOW_ERR(pthread_join(t, NULL));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	return 0;
}
