/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A barrier releases its four threads together, each round; exactly one gets PTHREAD_BARRIER_SERIAL_THREAD. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define NTHREADS 4
#define ROUNDS	 50

static pthread_barrier_t barrier;
static volatile int serial, arrived[ROUNDS], late;

static void *worker(void *arg)
{
	(void)arg;
	for (int r = 0; r < ROUNDS; r++) {
		__atomic_fetch_add(&arrived[r], 1, __ATOMIC_SEQ_CST);
		if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_fetch_add(&serial, 1, __ATOMIC_SEQ_CST);
		if (arrived[r] != NTHREADS)
			late = 1;
	}
	return NULL;
}

int main(void)
{
	pthread_barrierattr_t attr;
	pthread_barrier_t b;
	pthread_t t[NTHREADS];
	int i;

	alarm(8);
	pthread_barrierattr_init(&attr);
	SHOW_ERR(pthread_barrier_init(&b, &attr, 0));
	SHOW_ERR(pthread_barrier_init(&b, NULL, 1));
	printf("one-thread barrier serial: %s\n",
	       pthread_barrier_wait(&b) == PTHREAD_BARRIER_SERIAL_THREAD ? "yes" : "no");
	SHOW_ERR(pthread_barrier_destroy(&b));
	SHOW_ERR(pthread_barrier_init(&barrier, NULL, NTHREADS));
	for (i = 0; i < NTHREADS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, NULL)))
			return 1;
	for (i = 0; i < NTHREADS; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	printf("serial threads: %d (want %d), someone passed early: %s\n", serial, ROUNDS,
	       late ? "yes" : "no");
	SHOW_ERR(pthread_barrier_destroy(&barrier));
	return 0;
}
