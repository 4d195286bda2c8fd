/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* exit() from a thread ends every thread, including ones asleep in pause() and busy loops; a fatal signal does too. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *spinner(void *arg)
{
	(void)arg;
	for (volatile unsigned long n = 0;; n++)
		;
	return NULL;
}

static void *exiter(void *arg)
{
	usleep(5000);
	if (arg)
		raise(SIGTERM); /* process-directed default action: the group dies */
	exit(3);
	return NULL;
}

static void run(int fatal)
{
	pid_t child = fork();

	if (child == 0) {
		pthread_t th;

		pthread_create(&th, NULL, sleeper, NULL);
		pthread_create(&th, NULL, spinner, NULL);
		pthread_create(&th, NULL, exiter, fatal ? &th : NULL);
		for (;;)
			pause();
	}
	abi_wait_child("child", child);
}

int main(void)
{
	run(0);
	run(1);
	return 0;
}
