/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An unnamed semaphore between threads: waiters block until posts; trywait EAGAIN; getvalue counts. */
/* abi: glibc */
#include <pthread.h>
#include <semaphore.h>
#include "abi.h"

#define NWAITERS 3

static sem_t sem, done;

static void *waiter(void *arg)
{
	(void)arg;
	sem_wait(&sem);
	sem_post(&done);
	return NULL;
}

int main(void)
{
	pthread_t t[NWAITERS];
	int i, value = -1;

	alarm(8);
	SHOW(sem_init(&sem, 0, 0));
	SHOW(sem_init(&done, 0, 0));
	SHOW(sem_trywait(&sem));
	for (i = 0; i < NWAITERS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, waiter, NULL)))
			return 1;
	usleep(50000);
	SHOW(sem_trywait(&done));
	for (i = 0; i < NWAITERS + 2; i++)
		sem_post(&sem);
	for (i = 0; i < NWAITERS; i++)
		SHOW(sem_wait(&done));
	for (i = 0; i < NWAITERS; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	SHOW(sem_getvalue(&sem, &value));
	printf("value = %d\n", value);
	SHOW(sem_trywait(&sem));
	SHOW(sem_trywait(&sem));
	SHOW(sem_trywait(&sem));
	SHOW(sem_destroy(&sem));
	return 0;
}
