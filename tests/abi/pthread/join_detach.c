/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Joinable threads hand back their value; joining a detached thread: EINVAL; joining oneself: EDEADLK (glibc). */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_barrier_t ready;

static void *value(void *arg)
{
	return arg;
}

static void *detached(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&ready);
	pause();
	return NULL;
}

int main(void)
{
	pthread_attr_t attr;
	void *ret = NULL;
	pthread_t t;
	int state = -1;

	alarm(8);
	pthread_barrier_init(&ready, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, value, (void *)42L)))
		return 1;
	SHOW_ERR(pthread_join(t, &ret));
	printf("joined value %ld\n", (long)ret);
	pthread_attr_init(&attr);
	SHOW_ERR(pthread_attr_getdetachstate(&attr, &state));
	CHECK(state == PTHREAD_CREATE_JOINABLE);
	SHOW_ERR(pthread_attr_setdetachstate(&attr, 77));
	SHOW_ERR(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED));
	if (QUIET_ERR(pthread_create(&t, &attr, detached, NULL)))
		return 1;
	pthread_barrier_wait(&ready);
#ifdef __GLIBC__
	/* musl traps (detached) or waits forever (self): undefined there. */
	SHOW_ERR(pthread_join(t, NULL));
	SHOW_ERR(pthread_detach(t));
	SHOW_ERR(pthread_join(pthread_self(), NULL));
#else
	printf("join of a detached thread and of oneself: not checked on musl\n");
#endif
	if (QUIET_ERR(pthread_create(&t, NULL, value, NULL)))
		return 1;
	SHOW_ERR(pthread_detach(t));
	return 0;
}
