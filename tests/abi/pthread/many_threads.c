/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* 100 threads created and joined, 20 alive at a time then 100 at once, each returning its own index. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define NTHREADS 100

static pthread_barrier_t all;

static void *echo(void *arg)
{
	return arg;
}

static void *gather(void *arg)
{
	pthread_barrier_wait(&all);
	return arg;
}

int main(void)
{
	pthread_t t[NTHREADS];
	long i, bad = 0, failed = 0;
	void *ret;

	alarm(8);
	for (i = 0; i < NTHREADS; i++) {
		if (i >= 20 && pthread_join(t[i - 20], &ret) == 0 && ret != (void *)(i - 20))
			bad++;
		failed += pthread_create(&t[i], NULL, echo, (void *)i) != 0;
	}
	for (i = NTHREADS - 20; i < NTHREADS; i++)
		if (pthread_join(t[i], &ret) == 0 && ret != (void *)i)
			bad++;
	printf("rolling: %ld create failures, %ld wrong values\n", failed, bad);
	pthread_barrier_init(&all, NULL, NTHREADS + 1);
	failed = bad = 0;
	for (i = 0; i < NTHREADS; i++)
		failed += pthread_create(&t[i], NULL, gather, (void *)i) != 0;
	if (failed) {
		printf("all at once: %ld create failures\n", failed);
		return 1;
	}
	pthread_barrier_wait(&all);
	for (i = 0; i < NTHREADS; i++)
		if (pthread_join(t[i], &ret) != 0 || ret != (void *)i)
			bad++;
	printf("all at once: %d alive together, %ld wrong values\n", NTHREADS, bad);
	return 0;
}
