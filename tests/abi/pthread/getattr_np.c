/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_getattr_np: the main thread's stack holds its locals; detach state and guard size are reported. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_barrier_t ready;

static void *detached(void *arg)
{
	pthread_barrier_wait(&ready);
	pause();
	return arg;
}

static void show(const char *who, pthread_t t, const char *local)
{
	pthread_attr_t attr;
	size_t size = 0, guard = 1;
	int state = -1;
	void *base = NULL;

	if (SHOW_ERR(pthread_getattr_np(t, &attr)))
		return;
	pthread_attr_getstack(&attr, &base, &size);
	pthread_attr_getdetachstate(&attr, &state);
	pthread_attr_getguardsize(&attr, &guard);
	printf("%s: %s, guard %s", who, state == PTHREAD_CREATE_DETACHED ? "detached" : "joinable",
	       guard == (size_t)sysconf(_SC_PAGESIZE) ? "one page" : "other");
	printf(", stack at least 64 KiB: %s", size >= 64 * 1024 ? "yes" : "no");
	if (local)
		printf(", holds a local: %s",
		       base <= (void *)local && (void *)local < (void *)((char *)base + size)
			       ? "yes"
			       : "no");
	printf("\n");
	pthread_attr_destroy(&attr);
}

int main(void)
{
	pthread_attr_t attr;
	char local;
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&ready, NULL, 2);
	show("main", pthread_self(), &local);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (QUIET_ERR(pthread_create(&t, &attr, detached, NULL)))
		return 1;
	pthread_barrier_wait(&ready);
	show("detached thread", t, NULL);
	return 0;
}
