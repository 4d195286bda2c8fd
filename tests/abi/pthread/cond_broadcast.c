/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_cond_broadcast wakes every waiter; pthread_cond_signal with no waiter is a no-op. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define NWAITERS 5

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t arrived = PTHREAD_COND_INITIALIZER;
static int go, waiting, woken;

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	waiting++;
	pthread_cond_signal(&arrived);
	while (!go)
		pthread_cond_wait(&cond, &lock);
	woken++;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t t[NWAITERS];
	int i;

	alarm(8);
	SHOW_ERR(pthread_cond_signal(&cond));
	SHOW_ERR(pthread_cond_broadcast(&cond));
	for (i = 0; i < NWAITERS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, waiter, NULL)))
			return 1;
	pthread_mutex_lock(&lock);
	while (waiting < NWAITERS)
		pthread_cond_wait(&arrived, &lock);
	go = 1;
	SHOW_ERR(pthread_cond_broadcast(&cond));
	pthread_mutex_unlock(&lock);
	for (i = 0; i < NWAITERS; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	printf("woken = %d (want %d)\n", woken, NWAITERS);
	return 0;
}
