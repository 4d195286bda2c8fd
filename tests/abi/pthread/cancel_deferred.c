/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Deferred cancellation acts at a cancellation point (a blocking read), and waits while cancellation is disabled. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static int fds[2];
static volatile int reached;
static pthread_barrier_t ready;

static void *reader(void *arg)
{
	char c;

	(void)arg;
	pthread_barrier_wait(&ready);
	read(fds[0], &c, 1);
	return (void *)1L;
}

static void *disabled(void *arg)
{
	int old = -1;

	(void)arg;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	pthread_barrier_wait(&ready);
	usleep(100000);
	reached = 1;
	pthread_setcancelstate(old, NULL);
	pthread_testcancel();
	return (void *)2L;
}

int main(void)
{
	void *ret = NULL;
	pthread_t t;

	alarm(8);
	pipe(fds);
	pthread_barrier_init(&ready, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, reader, NULL)))
		return 1;
	pthread_barrier_wait(&ready);
	usleep(50000);
	SHOW_ERR(pthread_cancel(t));
	SHOW_ERR(pthread_join(t, &ret));
	FACT("blocked reader canceled", ret == PTHREAD_CANCELED);
	if (QUIET_ERR(pthread_create(&t, NULL, disabled, NULL)))
		return 1;
	pthread_barrier_wait(&ready);
	SHOW_ERR(pthread_cancel(t));
	SHOW_ERR(pthread_join(t, &ret));
	FACT("disabled thread ran on", reached == 1);
	FACT("canceled once re-enabled", ret == PTHREAD_CANCELED);
	return 0;
}
