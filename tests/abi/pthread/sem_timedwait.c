/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sem_timedwait: ETIMEDOUT after an absolute CLOCK_REALTIME deadline, EINVAL for a bad tv_nsec, 0 when posted. */
/* abi: glibc */
#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include "abi.h"

static sem_t sem;

static void *poster(void *arg)
{
	(void)arg;
	usleep(50000);
	sem_post(&sem);
	return NULL;
}

int main(void)
{
	struct timespec start, now, deadline;
	pthread_t t;

	alarm(8);
	sem_init(&sem, 0, 0);
	clock_gettime(CLOCK_REALTIME, &start);
	deadline = start;
	deadline.tv_nsec += 100000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	SHOW(sem_timedwait(&sem, &deadline));
	clock_gettime(CLOCK_REALTIME, &now);
	FACT("reached the deadline",
	     now.tv_sec > deadline.tv_sec ||
		     (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec));
	deadline.tv_nsec = -1;
	SHOW(sem_timedwait(&sem, &deadline));
	deadline.tv_sec = 0;
	deadline.tv_nsec = 0;
	SHOW(sem_timedwait(&sem, &deadline));
	sem_post(&sem);
	SHOW(sem_timedwait(&sem, &deadline));
	if (QUIET_ERR(pthread_create(&t, NULL, poster, NULL)))
		return 1;
	deadline.tv_sec = now.tv_sec + 5;
	SHOW(sem_timedwait(&sem, &deadline));
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
