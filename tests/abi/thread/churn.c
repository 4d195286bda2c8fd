/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Thread churn: 400 threads created and joined in batches of 8, then 20 processes whose threads all die in exit_group. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static int counter;

static void *bump(void *arg)
{
	for (int i = 0; i < 100; i++)
		__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
	return arg;
}

static void *spin_forever(void *arg)
{
	(void)arg;
	for (;;)
		sched_yield();
	return NULL;
}

int main(void)
{
	int bad = 0, killed = 0;

	for (int round = 0; round < 50; round++) {
		pthread_t th[8];

		for (long i = 0; i < 8; i++)
			bad += pthread_create(&th[i], NULL, bump, (void *)i) != 0;
		for (long i = 0; i < 8; i++) {
			void *ret;

			bad += pthread_join(th[i], &ret) != 0 || ret != (void *)i;
		}
	}
	printf("counter %d, failures %d\n", counter, bad);
	for (int n = 0; n < 20; n++) {
		pid_t child = fork();
		int st;

		if (child == 0) {
			pthread_t t;

			for (int i = 0; i < 4; i++)
				pthread_create(&t, NULL, spin_forever, NULL);
			usleep(1000);
			exit(n);
		}
		killed += waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == n;
	}
	printf("processes ended with their exit code: %d\n", killed);
	return 0;
}
