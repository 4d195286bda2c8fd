/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* __thread variables: each thread starts from the initial image and sees only its own copy (%fs base per thread). */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define NTHREADS 4

static __thread int tls_counter = 100;
static __thread char tls_zero[64];
static pthread_barrier_t barrier;
static int *addr[NTHREADS + 1];

static void *worker(void *arg)
{
	long id = (long)arg;
	int zero = 1;

	for (size_t i = 0; i < sizeof(tls_zero); i++)
		zero &= tls_zero[i] == 0;
	if (tls_counter != 100 || !zero)
		return (void *)-1L;
	tls_counter += (int)id;
	addr[id] = &tls_counter;
	tls_zero[0] = 'x';
	/* Everyone has written its copy before anyone reads it back. */
	pthread_barrier_wait(&barrier);
	return (void *)(long)tls_counter;
}

int main(void)
{
	pthread_t t[NTHREADS];
	void *ret;
	long i;

	alarm(8);
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	tls_counter = 7;
	tls_zero[0] = 'm';
	for (i = 0; i < NTHREADS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, (void *)i)))
			return 1;
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], &ret);
		printf("thread %ld saw %ld\n", i, (long)ret);
	}
	printf("main still has %d and '%c'\n", tls_counter, tls_zero[0]);
	addr[NTHREADS] = &tls_counter;
	for (i = 0; i <= NTHREADS; i++)
		for (long j = 0; j < i; j++)
			if (addr[i] == addr[j])
				printf("FAIL: threads %ld and %ld share an address\n", i, j);
	return 0;
}
