/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* While a writer waits on a read-held rwlock, new readers are refused if writers are preferred (glibc's kind). */
/* abi: glibc */
#include <pthread.h>
#include <time.h>
#include "abi.h"

static pthread_rwlock_t rw;

static void *writer(void *arg)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 6;
	if (pthread_rwlock_timedwrlock(&rw, &ts) == 0)
		pthread_rwlock_unlock(&rw);
	return arg;
}

int main(void)
{
	pthread_rwlockattr_t attr;
	int refused = 0;
	pthread_t t;

	alarm(8);
	pthread_rwlockattr_init(&attr);
#ifdef __GLIBC__
	SHOW_ERR(pthread_rwlockattr_setkind_np(&attr, 99));
	SHOW_ERR(
		pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP));
#endif
	SHOW_ERR(pthread_rwlock_init(&rw, &attr));
	SHOW_ERR(pthread_rwlock_rdlock(&rw));
	if (QUIET_ERR(pthread_create(&t, NULL, writer, NULL)))
		return 1;
	/* Once the writer is queued a preferring lock refuses readers; give
	 * it up to 2 s to get there (a loaded host is slow). */
	for (int i = 0; i < 200 && !refused; i++) {
		int r = pthread_rwlock_tryrdlock(&rw);

		if (r == 0)
			pthread_rwlock_unlock(&rw);
		refused = r == EBUSY;
		usleep(10000);
	}
	printf("a new reader refused while the writer waits: %s\n", refused ? "yes" : "no");
	SHOW_ERR(pthread_rwlock_unlock(&rw));
	SHOW_ERR(pthread_join(t, NULL));
	SHOW_ERR(pthread_rwlock_tryrdlock(&rw));
	SHOW_ERR(pthread_rwlock_unlock(&rw));
	return 0;
}
