/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A SIGEV_THREAD_ID timer whose thread has exited signals nobody: the process does not take its signal. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <time.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static volatile pid_t worker_tid;
static volatile int done;

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!__atomic_load_n(&done, __ATOMIC_SEQ_CST))
		usleep(1000);
	return NULL;
}

int main(void)
{
	struct itimerspec its = {{0, 2000000}, {0, 2000000}};
	struct timespec wait = {0, 100000000};
	struct sigevent sev;
	pthread_t th;
	sigset_t set;
	siginfo_t si;
	timer_t id;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_notify_thread_id = worker_tid;
	SHOW(timer_create(CLOCK_MONOTONIC, &sev, &id));
	__atomic_store_n(&done, 1, __ATOMIC_SEQ_CST);
	CHECK(pthread_join(th, NULL) == 0);
	/* the thread is released a moment after the join returns */
	for (int n = 0; n < 1000 && syscall(SYS_tgkill, getpid(), worker_tid, 0) == 0; n++)
		usleep(1000);
	SHOW(timer_settime(id, 0, &its, NULL));
	SHOW(sigtimedwait(&set, &si, &wait));
	SHOW(timer_delete(id));
	return 0;
}
