/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A default mutex serializes four threads' increments; lock/unlock return 0. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define NTHREADS 4
#define ROUNDS	 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter = counter + 1;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	int i;

	alarm(8);
	for (i = 0; i < NTHREADS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, NULL)))
			return 1;
	for (i = 0; i < NTHREADS; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	printf("counter = %ld (want %d)\n", counter, NTHREADS * ROUNDS);
	CHECK(counter == NTHREADS * ROUNDS);
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_destroy(&lock));
	return 0;
}
