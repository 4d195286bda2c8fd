/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timer_create SIGEV_THREAD_ID: any thread of the process is a valid target, another process's pid is EINVAL. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <time.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static volatile int go;
static pid_t worker_tid;

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!go)
		usleep(1000);
	return NULL;
}

static long make(pid_t tid)
{
	struct sigevent sev;
	int id;
	long r;

	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_notify_thread_id = tid;
	r = syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id);
	if (r == 0)
		syscall(SYS_timer_delete, id);
	return r;
}

int main(void)
{
	pthread_t th;

	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	SHOW(make(getpid()));
	SHOW(make(worker_tid));
	SHOW(make(getppid()));
	SHOW(make(0));
	SHOW(make(-1));
	go = 1;
	CHECK(pthread_join(th, NULL) == 0);
	/* the tid may outlive the join a moment (Linux wakes the joiner first) */
	for (int n = 0; n < 1000 && syscall(SYS_tgkill, getpid(), worker_tid, 0) == 0; n++)
		usleep(1000);
	SHOW(make(worker_tid));
	return 0;
}
