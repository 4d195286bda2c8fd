/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Stack attributes: a size below PTHREAD_STACK_MIN is EINVAL; a thread runs on the size or the memory it was given. */
/* abi: glibc */
#include <limits.h>
#include <pthread.h>
#include "abi.h"

#define BIG (1024 * 1024)

static void *where(void *arg)
{
	pthread_attr_t attr;
	size_t size = 0;
	void *base = NULL;
	char local;

	(void)arg;
	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		return (void *)-1L;
	pthread_attr_getstack(&attr, &base, &size);
	pthread_attr_destroy(&attr);
	if ((char *)base <= &local && &local < (char *)base + size)
		return (void *)size;
	return NULL;
}

int main(void)
{
	static char own[256 * 1024] __attribute__((aligned(4096)));
	pthread_attr_t attr;
	size_t size = 0;
	void *ret = NULL;
	pthread_t t;

	alarm(8);
	pthread_attr_init(&attr);
	SHOW_ERR(pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN - 1));
	SHOW_ERR(pthread_attr_setstacksize(&attr, BIG));
	SHOW_ERR(pthread_attr_getstacksize(&attr, &size));
	printf("stacksize = %zu\n", size);
	if (QUIET_ERR(pthread_create(&t, &attr, where, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, &ret));
	FACT("runs on a stack of at least 1 MiB", (size_t)ret >= BIG);
	SHOW_ERR(pthread_attr_setstack(&attr, own, sizeof(own)));
	if (QUIET_ERR(pthread_create(&t, &attr, where, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, &ret));
	FACT("runs on the stack it was given", ret != NULL && ret != (void *)-1L);
	pthread_attr_destroy(&attr);
	return 0;
}
