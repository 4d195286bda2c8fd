/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_cond_signal hands items one at a time from a producer to a waiting consumer. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define ITEMS 200

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t nonfull = PTHREAD_COND_INITIALIZER;
static int slot, full;

static void *consumer(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&lock);
		while (!full)
			pthread_cond_wait(&nonempty, &lock);
		sum += slot;
		full = 0;
		pthread_cond_signal(&nonfull);
		pthread_mutex_unlock(&lock);
	}
	return (void *)sum;
}

int main(void)
{
	pthread_t t;
	void *sum = NULL;

	alarm(8);
	if (QUIET_ERR(pthread_create(&t, NULL, consumer, NULL)))
		return 1;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&lock);
		while (full)
			pthread_cond_wait(&nonfull, &lock);
		slot = i;
		full = 1;
		pthread_cond_signal(&nonempty);
		pthread_mutex_unlock(&lock);
	}
	SHOW_ERR(pthread_join(t, &sum));
	printf("sum = %ld (want %d)\n", (long)sum, ITEMS * (ITEMS + 1) / 2);
	SHOW_ERR(pthread_cond_signal(&nonempty));
	SHOW_ERR(pthread_cond_destroy(&nonempty));
	return 0;
}
