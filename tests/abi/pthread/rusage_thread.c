/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getrusage(RUSAGE_THREAD) counts the calling thread only; RUSAGE_SELF counts every thread of the process. */
/* abi: glibc */
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>
#include "abi.h"

static long cpu_ms(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000 +
	       (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1000;
}

static void *busy(void *arg)
{
	struct timespec ts;
	struct rusage *ru = arg;

	do
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	while (ts.tv_sec == 0 && ts.tv_nsec < 300000000);
	getrusage(RUSAGE_THREAD, ru);
	return NULL;
}

int main(void)
{
	struct rusage thread_ru, start_ru, main_ru, self_ru;
	pthread_t t;

	alarm(8);
	memset(&thread_ru, 0, sizeof(thread_ru));
	if (QUIET_ERR(pthread_create(&t, NULL, busy, &thread_ru)))
		return 1;
	/* only the join is measured: creating the thread is main's own
	 * work, and on a loaded host its vCPU may be preempted meanwhile */
	getrusage(RUSAGE_THREAD, &start_ru);
	SHOW_ERR(pthread_join(t, NULL));
	SHOW(getrusage(RUSAGE_THREAD, &main_ru));
	SHOW(getrusage(RUSAGE_SELF, &self_ru));
	SHOW(getrusage(7, &self_ru));
	FACT("the thread counted its 300 ms", cpu_ms(&thread_ru) >= 290);
	FACT("main's own count moved little while it waited",
	     cpu_ms(&main_ru) - cpu_ms(&start_ru) < 100);
	FACT("the process counts the dead thread too", cpu_ms(&self_ru) >= cpu_ms(&thread_ru));
	return 0;
}
