/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A robust mutex whose owner thread exits: EOWNERDEAD, then ENOTRECOVERABLE if not made consistent. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_mutex_t lock;

static void *die_holding(void *arg)
{
	(void)arg;
	SHOW_ERR(pthread_mutex_lock(&lock));
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t;
	int robust = -1;

	alarm(8);
	pthread_mutexattr_init(&attr);
	SHOW_ERR(pthread_mutexattr_setrobust(&attr, 42));
	SHOW_ERR(pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST));
	SHOW_ERR(pthread_mutexattr_getrobust(&attr, &robust));
	CHECK(robust == PTHREAD_MUTEX_ROBUST);
	SHOW_ERR(pthread_mutex_init(&lock, &attr));
	SHOW_ERR(pthread_mutex_consistent(&lock));
	if (QUIET_ERR(pthread_create(&t, NULL, die_holding, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	SHOW_ERR(pthread_mutex_destroy(&lock));
	return 0;
}
