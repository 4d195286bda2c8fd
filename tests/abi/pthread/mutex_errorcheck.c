/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An error-checking mutex: relock EDEADLK, unlock by a non-owner or when unlocked EPERM. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_mutex_t lock;

static void *other(void *arg)
{
	(void)arg;
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t;
	int type = -1;

	alarm(8);
	pthread_mutexattr_init(&attr);
	SHOW_ERR(pthread_mutexattr_settype(&attr, 12345));
	SHOW_ERR(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK));
	SHOW_ERR(pthread_mutexattr_gettype(&attr, &type));
	CHECK(type == PTHREAD_MUTEX_ERRORCHECK);
	SHOW_ERR(pthread_mutex_init(&lock, &attr));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_lock(&lock));
	SHOW_ERR(pthread_mutex_trylock(&lock));
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_unlock(&lock));
	SHOW_ERR(pthread_mutex_destroy(&lock));
	return 0;
}
