/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_key_create: values are per thread, destructors run at thread exit for non-NULL values only. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_key_t key;
static int destroyed[4];

static void destructor(void *value)
{
	destroyed[(long)value]++;
}

static void *worker(void *arg)
{
	long id = (long)arg;

	if (pthread_getspecific(key) != NULL)
		return (void *)1L;
	if (id != 0)
		pthread_setspecific(key, (void *)id);
	if (id == 3)
		pthread_exit(NULL);
	return NULL;
}

int main(void)
{
	pthread_t t[4];
	long i;

	alarm(8);
	SHOW_ERR(pthread_key_create(&key, destructor));
	SHOW_ERR(pthread_setspecific(key, (void *)2L));
	for (i = 0; i < 4; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, (void *)i)))
			return 1;
	for (i = 0; i < 4; i++) {
		void *ret = (void *)-1L;

		pthread_join(t[i], &ret);
		printf("thread %ld returned %ld\n", i, (long)ret);
	}
	for (i = 0; i < 4; i++)
		printf("destructor(%ld) ran %d time(s)\n", i, destroyed[i]);
	printf("main's value still %ld\n", (long)pthread_getspecific(key));
	SHOW_ERR(pthread_key_delete(key));
	return 0;
}
