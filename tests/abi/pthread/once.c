/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_once runs its routine exactly once among racing threads, and every caller returns after it finished. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define NTHREADS 6

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_barrier_t start;
static volatile int runs, finished;

static void init(void)
{
	runs++;
	usleep(50000);
	finished = 1;
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&start);
	if (pthread_once(&once, init) != 0)
		return (void *)2L;
	return (void *)(long)finished;
}

int main(void)
{
	pthread_t t[NTHREADS];
	int i, saw_finished = 0;

	alarm(8);
	pthread_barrier_init(&start, NULL, NTHREADS);
	for (i = 0; i < NTHREADS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, NULL)))
			return 1;
	for (i = 0; i < NTHREADS; i++) {
		void *ret = NULL;

		pthread_join(t[i], &ret);
		saw_finished += ret == (void *)1L;
	}
	printf("init ran %d time(s); %d of %d callers saw it finished\n", runs, saw_finished,
	       NTHREADS);
	SHOW_ERR(pthread_once(&once, init));
	printf("init ran %d time(s)\n", runs);
	return 0;
}
