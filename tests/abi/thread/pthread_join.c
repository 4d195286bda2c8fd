/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_create and pthread_join: four threads share memory and the pid, each has its own tid. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

#define N 4

static int shared[N];
static pid_t tids[N], pids[N];

static void *worker(void *arg)
{
	long i = (long)arg;
	long sum = 0;

	for (long k = 1; k <= 1000 * (i + 1); k++)
		sum += k;
	shared[i] = (int)(sum % 10007);
	tids[i] = (pid_t)syscall(SYS_gettid);
	pids[i] = (pid_t)syscall(SYS_getpid);
	return (void *)(sum % 1000);
}

int main(void)
{
	pthread_t th[N];
	pid_t self = (pid_t)syscall(SYS_gettid);

	CHECK(self == getpid());
	for (long i = 0; i < N; i++)
		CHECK(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
	for (long i = 0; i < N; i++) {
		void *ret;

		CHECK(pthread_join(th[i], &ret) == 0);
		printf("thread %ld: result %ld shared %d\n", i, (long)ret, shared[i]);
	}
	for (int i = 0; i < N; i++) {
		FACT("tid differs from pid", tids[i] != self);
		FACT("same pid", pids[i] == self);
		for (int j = 0; j < i; j++)
			CHECK(tids[i] != tids[j]);
	}
	/* a second round reuses the stacks of the joined threads */
	for (long i = 0; i < N; i++)
		CHECK(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
	for (long i = 0; i < N; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	printf("second round: %d %d %d %d\n", shared[0], shared[1], shared[2], shared[3]);
	return 0;
}
