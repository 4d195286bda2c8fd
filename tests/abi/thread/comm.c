/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_SET_NAME names the calling thread only: a new thread starts with its creator's name. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sys/prctl.h>

static char seen[3][16];

static void *worker(void *arg)
{
	(void)arg;
	prctl(PR_GET_NAME, seen[0]);
	prctl(PR_SET_NAME, "worker-name");
	prctl(PR_GET_NAME, seen[1]);
	return NULL;
}

int main(void)
{
	pthread_t th;
	char name[16];

	SHOW(prctl(PR_SET_NAME, "main-name"));
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	printf("thread started as: %s\n", seen[0]);
	printf("thread renamed to: %s\n", seen[1]);
	SHOW(prctl(PR_GET_NAME, name));
	printf("main is still: %s\n", name);
	return 0;
}
