/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_tryjoin_np on a running thread: EBUSY; pthread_timedjoin_np: ETIMEDOUT, then the value once it ends. */
/* abi: glibc */
#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include "abi.h"

static sem_t release;

static void *worker(void *arg)
{
	sem_wait(&release);
	return arg;
}

int main(void)
{
	struct timespec ts;
	void *ret = NULL;
	pthread_t t;

	alarm(8);
	sem_init(&release, 0, 0);
	if (QUIET_ERR(pthread_create(&t, NULL, worker, (void *)11L)))
		return 1;
	SHOW_ERR(pthread_tryjoin_np(t, &ret));
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec = ts.tv_nsec >= 900000000 ? 999999999 : ts.tv_nsec + 50000000;
	SHOW_ERR(pthread_timedjoin_np(t, &ret, &ts));
	sem_post(&release);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	SHOW_ERR(pthread_timedjoin_np(t, &ret, &ts));
	printf("value %ld\n", (long)ret);
	return 0;
}
