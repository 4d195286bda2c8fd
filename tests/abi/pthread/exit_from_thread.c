/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* exit() from a non-main thread runs the atexit handlers once and ends every thread, with its status. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static int fds[2];

static void at_exit(void)
{
	printf("atexit handler ran\n");
}

static void *blocked(void *arg)
{
	char c;

	(void)arg;
	read(fds[0], &c, 1);
	printf("FAIL: the blocked thread returned\n");
	return NULL;
}

static void *exiter(void *arg)
{
	(void)arg;
	printf("thread calls exit(5)\n");
	exit(5);
}

int main(void)
{
	pthread_t t;

	alarm(8);
	pipe(fds);
	atexit(at_exit);
	if (QUIET_ERR(pthread_create(&t, NULL, blocked, NULL)))
		return 1;
	if (QUIET_ERR(pthread_create(&t, NULL, exiter, NULL)))
		return 1;
	for (;;)
		pause();
}
