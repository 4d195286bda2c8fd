/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A PTHREAD_PRIO_INHERIT mutex: contended lock/unlock between threads, trylock EBUSY, errorcheck EDEADLK. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

#define ROUNDS 2000

static pthread_mutex_t lock;
static volatile long counter;

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter = counter + 1;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t[3];
	int proto = -1, i;

	alarm(8);
	pthread_mutexattr_init(&attr);
	SHOW_ERR(pthread_mutexattr_setprotocol(&attr, 99));
	SHOW_ERR(pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT));
	SHOW_ERR(pthread_mutexattr_getprotocol(&attr, &proto));
	CHECK(proto == PTHREAD_PRIO_INHERIT);
	SHOW_ERR(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK));
	SHOW_ERR(pthread_mutex_init(&lock, &attr));
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_lock(&lock));
	for (i = 0; i < 3; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, NULL)))
			return 1;
	usleep(50000);
	SHOW_ERR(pthread_mutex_unlock(&lock));
	for (i = 0; i < 3; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	printf("counter = %ld (want %d)\n", counter, 3 * ROUNDS);
	SHOW_ERR(pthread_mutex_trylock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_destroy(&lock));
	return 0;
}
