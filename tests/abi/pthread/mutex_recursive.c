/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A recursive mutex locks again in its owner, is busy for others until fully unlocked, EPERM past zero. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_mutex_t lock;

static void *other(void *arg)
{
	(void)arg;
	SHOW_ERR(pthread_mutex_trylock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	return NULL;
}

static void from_other_thread(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, other, NULL) == 0)
		pthread_join(t, NULL);
}

int main(void)
{
	pthread_mutexattr_t attr;

	alarm(8);
	pthread_mutexattr_init(&attr);
	SHOW_ERR(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE));
	SHOW_ERR(pthread_mutex_init(&lock, &attr));
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	from_other_thread();
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	from_other_thread();
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	from_other_thread();
	return 0;
}
