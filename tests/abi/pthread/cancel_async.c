/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Asynchronous cancellation stops a thread spinning in user code (no cancellation point). */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static volatile unsigned long spins;
static pthread_barrier_t ready;

static void *spinner(void *arg)
{
	int old = -1;

	(void)arg;
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
	printf("previous type deferred: %s\n", old == PTHREAD_CANCEL_DEFERRED ? "yes" : "no");
	pthread_barrier_wait(&ready);
	for (;;)
		spins++;
	return NULL;
}

int main(void)
{
	void *ret = NULL;
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&ready, NULL, 2);
	SHOW_ERR(pthread_setcanceltype(5, NULL));
	SHOW_ERR(pthread_setcancelstate(5, NULL));
	if (QUIET_ERR(pthread_create(&t, NULL, spinner, NULL)))
		return 1;
	pthread_barrier_wait(&ready);
	while (spins < 1000)
		sched_yield();
	SHOW_ERR(pthread_cancel(t));
	SHOW_ERR(pthread_join(t, &ret));
	FACT("canceled", ret == PTHREAD_CANCELED);
	return 0;
}
