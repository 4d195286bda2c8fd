/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* CLOCK_MONOTONIC through the vDSO never goes backwards, within a thread or across threads and CPUs. */
/* abi: glibc */
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include "abi.h"
#include "vdso_sym.h"

#define THREADS 4
#define CALLS	20000

static int (*vdso_gettime)(clockid_t, struct timespec *);
static int64_t latest; /* the highest reading any thread published */
static int backwards[THREADS], crossed[THREADS];

static int64_t now(void)
{
	struct timespec ts;

	vdso_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *run(void *arg)
{
	int me = (int)(intptr_t)arg;
	int64_t prev = 0;

	for (int i = 0; i < CALLS; i++) {
		/* a reading published before ours was taken is no later than ours */
		int64_t seen = __atomic_load_n(&latest, __ATOMIC_ACQUIRE);
		int64_t t = now();
		int64_t cur = seen;

		backwards[me] += t < prev;
		crossed[me] += t < seen;
		prev = t;
		while (cur < t && !__atomic_compare_exchange_n(&latest, &cur, t, 0,
							       __ATOMIC_RELEASE, __ATOMIC_RELAXED))
			;
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	int back = 0, cross = 0;

	vdso_gettime = (int (*)(clockid_t, struct timespec *))vdso_sym("__vdso_clock_gettime",
								       "LINUX_2.6");
	CHECK(vdso_gettime != NULL);
	if (!vdso_gettime)
		return 1;
	alarm(30);
	for (int i = 0; i < THREADS; i++)
		QUIET_ERR(pthread_create(&t[i], NULL, run, (void *)(intptr_t)i));
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		back += backwards[i];
		cross += crossed[i];
	}
	printf("%d threads x %d calls: backwards within a thread %d, behind another thread %d\n",
	       THREADS, CALLS, back, cross);
	return 0;
}
