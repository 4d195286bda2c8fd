/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Detached threads run and exit on their own; pthread_join on one fails with EINVAL. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static int finished;

static void *worker(void *arg)
{
	(void)arg;
	usleep(1000);
	__atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

int main(void)
{
	pthread_attr_t attr;
	pthread_t th[8];

	CHECK(pthread_attr_init(&attr) == 0);
	CHECK(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0);
	for (int i = 0; i < 4; i++)
		CHECK(pthread_create(&th[i], &attr, worker, NULL) == 0);
	for (int i = 4; i < 8; i++) {
		CHECK(pthread_create(&th[i], NULL, worker, NULL) == 0);
		CHECK(pthread_detach(th[i]) == 0);
	}
	for (int n = 0; n < 5000 && __atomic_load_n(&finished, __ATOMIC_SEQ_CST) < 8; n++)
		usleep(1000);
	printf("finished: %d\n", __atomic_load_n(&finished, __ATOMIC_SEQ_CST));
	/* many more than the stack cache holds, one at a time */
	for (int i = 0; i < 64; i++) {
		pthread_t t;

		if (pthread_create(&t, &attr, worker, NULL) != 0) {
			printf("create %d failed\n", i);
			break;
		}
	}
	for (int n = 0; n < 5000 && __atomic_load_n(&finished, __ATOMIC_SEQ_CST) < 72; n++)
		usleep(1000);
	printf("finished: %d\n", __atomic_load_n(&finished, __ATOMIC_SEQ_CST));
	pthread_attr_destroy(&attr);
	return 0;
}
