/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Cleanup handlers run in reverse order on cancellation and on pthread_exit, and only when popped with 1 otherwise. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static char order[16];
static int pos;

static void note(void *arg)
{
	order[pos++] = *(const char *)arg;
}

static void *canceled(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note, "a");
	pthread_cleanup_push(note, "b");
	for (;;)
		pause();
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

static void *exiting(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note, "c");
	pthread_cleanup_push(note, "d");
	pthread_cleanup_push(note, "x");
	pthread_cleanup_pop(0);
	pthread_cleanup_push(note, "e");
	pthread_cleanup_pop(1);
	pthread_exit((void *)9L);
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

int main(void)
{
	void *ret = NULL;
	pthread_t t;

	alarm(8);
	if (QUIET_ERR(pthread_create(&t, NULL, canceled, NULL)))
		return 1;
	usleep(50000);
	SHOW_ERR(pthread_cancel(t));
	SHOW_ERR(pthread_join(t, &ret));
	FACT("canceled", ret == PTHREAD_CANCELED);
	printf("order after cancel: %s\n", order);
	if (QUIET_ERR(pthread_create(&t, NULL, exiting, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, &ret));
	printf("returned %ld, order after exit: %s\n", (long)ret, order);
	return 0;
}
