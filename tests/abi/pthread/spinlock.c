/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A pthread spinlock serializes four threads; trylock on a held lock: EBUSY. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define NTHREADS 4
#define ROUNDS	 20000

static pthread_spinlock_t spin;
static volatile long counter;
static pthread_barrier_t held, tried;

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_spin_lock(&spin);
		counter = counter + 1;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

static void *holder(void *arg)
{
	(void)arg;
	pthread_spin_lock(&spin);
	pthread_barrier_wait(&held);
	pthread_barrier_wait(&tried);
	pthread_spin_unlock(&spin);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	int i;

	alarm(8);
	pthread_barrier_init(&held, NULL, 2);
	pthread_barrier_init(&tried, NULL, 2);
	SHOW_ERR(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE));
	for (i = 0; i < NTHREADS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, NULL)))
			return 1;
	for (i = 0; i < NTHREADS; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	printf("counter = %ld (want %d)\n", counter, NTHREADS * ROUNDS);
	if (QUIET_ERR(pthread_create(&t[0], NULL, holder, NULL)))
		return 1;
	pthread_barrier_wait(&held);
	SHOW_ERR(pthread_spin_trylock(&spin));
	pthread_barrier_wait(&tried);
	SHOW_ERR(pthread_join(t[0], NULL));
	SHOW_ERR(pthread_spin_trylock(&spin));
	SHOW_ERR(pthread_spin_unlock(&spin));
	SHOW_ERR(pthread_spin_destroy(&spin));
	return 0;
}
