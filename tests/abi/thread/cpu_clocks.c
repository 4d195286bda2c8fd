/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* CPU clocks with threads: another thread's clock (pthread_getcpuclockid), the process clock summing all threads, RUSAGE_THREAD. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

static volatile int stop;

static double secs(clockid_t c)
{
	struct timespec ts;

	if (clock_gettime(c, &ts))
		return -1;
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *burner(void *arg)
{
	(void)arg;
	while (!stop)
		;
	return NULL;
}

int main(void)
{
	pthread_t th;
	clockid_t cid;
	struct rusage self, thr;
	struct timespec start, now;
	double mine, other, all;

	CHECK(pthread_create(&th, NULL, burner, NULL) == 0);
	CHECK(pthread_getcpuclockid(th, &cid) == 0);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do /* let the burner run a while (it shares the CPU with us) */
		clock_gettime(CLOCK_MONOTONIC, &now);
	while (now.tv_sec - start.tv_sec < 1 && secs(cid) < 0.05);
	mine = secs(CLOCK_THREAD_CPUTIME_ID);
	other = secs(cid);
	all = secs(CLOCK_PROCESS_CPUTIME_ID);
	FACT("the other thread's clock runs", other > 0);
	FACT("the process clock covers both threads", all + 0.01 >= mine + other);
	CHECK(getrusage(RUSAGE_SELF, &self) == 0);
	CHECK(getrusage(RUSAGE_THREAD, &thr) == 0);
	FACT("RUSAGE_THREAD <= RUSAGE_SELF",
	     thr.ru_utime.tv_sec * 1000000 + thr.ru_utime.tv_usec + thr.ru_stime.tv_sec * 1000000 +
			     thr.ru_stime.tv_usec <=
		     self.ru_utime.tv_sec * 1000000 + self.ru_utime.tv_usec +
			     self.ru_stime.tv_sec * 1000000 + self.ru_stime.tv_usec);
	stop = 1;
	CHECK(pthread_join(th, NULL) == 0);
	FACT("after join the process clock still counts it",
	     secs(CLOCK_PROCESS_CPUTIME_ID) >= other);
	return 0;
}
