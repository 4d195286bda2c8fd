/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A SIGEV_THREAD_ID timer whose thread has exited signals nobody: the process does not take its expiries. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <time.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static volatile int hits, release;
static volatile pid_t worker_tid;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!release)
		usleep(1000);
	return NULL;
}

int main(void)
{
	struct itimerspec its = {{0, 2000000}, {0, 2000000}}, left;
	struct sigevent sev;
	pthread_t th;
	int id;

	alarm(8);
	signal(SIGUSR1, on_usr1);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_notify_thread_id = worker_tid;
	CHECK(syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id) == 0);
	release = 1;
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(syscall(SYS_timer_settime, id, 0, &its, NULL) == 0);
	for (int n = 0; n < 50; n++)
		usleep(1000);
	CHECK(syscall(SYS_timer_gettime, id, &left) == 0);
	printf("still armed: %s\n", left.it_interval.tv_nsec ? "yes" : "no");
	printf("signals taken by the process: %d\n", hits);
	CHECK(syscall(SYS_timer_delete, id) == 0);
	return 0;
}
