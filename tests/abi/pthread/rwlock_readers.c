/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Three readers hold an rwlock at once; a writer is refused (EBUSY, ETIMEDOUT) until they all leave. */
/* abi: glibc */
#include <pthread.h>
#include <time.h>
#include "abi.h"

#define NREADERS 3

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_barrier_t inside, leave;

static void *reader(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&rw);
	/* Every reader reaches this point while the others hold the lock. */
	pthread_barrier_wait(&inside);
	pthread_barrier_wait(&leave);
	pthread_rwlock_unlock(&rw);
	return NULL;
}

int main(void)
{
	struct timespec deadline;
	pthread_t t[NREADERS];
	int i;

	alarm(8);
	pthread_barrier_init(&inside, NULL, NREADERS + 1);
	pthread_barrier_init(&leave, NULL, NREADERS + 1);
	for (i = 0; i < NREADERS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, reader, NULL)))
			return 1;
	pthread_barrier_wait(&inside);
	printf("%d readers inside at once\n", NREADERS);
	SHOW_ERR(pthread_rwlock_trywrlock(&rw));
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec = deadline.tv_nsec >= 900000000 ? 999999999 : deadline.tv_nsec + 50000000;
	SHOW_ERR(pthread_rwlock_timedwrlock(&rw, &deadline));
	SHOW_ERR(pthread_rwlock_tryrdlock(&rw));
	SHOW_ERR(pthread_rwlock_unlock(&rw));
	pthread_barrier_wait(&leave);
	for (i = 0; i < NREADERS; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	SHOW_ERR(pthread_rwlock_trywrlock(&rw));
	SHOW_ERR(pthread_rwlock_tryrdlock(&rw));
	SHOW_ERR(pthread_rwlock_unlock(&rw));
	return 0;
}
