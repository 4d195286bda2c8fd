/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A process-directed signal blocked by the main thread is delivered to the thread that does not block it. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile pid_t handled_by;
static volatile int ready;
static pid_t worker_tid;

static void on_usr1(int sig)
{
	(void)sig;
	handled_by = (pid_t)syscall(SYS_gettid);
}

static void *worker(void *arg)
{
	sigset_t none;

	(void)arg;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	worker_tid = (pid_t)syscall(SYS_gettid);
	__atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST);
	while (!handled_by)
		usleep(1000);
	return NULL;
}

int main(void)
{
	pthread_t th;
	sigset_t usr1, pending;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK(pthread_sigmask(SIG_BLOCK, &usr1, NULL) == 0);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!__atomic_load_n(&ready, __ATOMIC_SEQ_CST))
		usleep(1000);
	SHOW(kill(getpid(), SIGUSR1));
	CHECK(pthread_join(th, NULL) == 0);
	FACT("handled by the worker", handled_by == worker_tid);
	SHOW(sigpending(&pending));
	FACT("SIGUSR1 pending in main", sigismember(&pending, SIGUSR1));
	/* now every thread blocks it: it stays pending for the process */
	handled_by = 0;
	SHOW(kill(getpid(), SIGUSR1));
	SHOW(sigpending(&pending));
	FACT("SIGUSR1 pending in main", sigismember(&pending, SIGUSR1));
	CHECK(pthread_sigmask(SIG_UNBLOCK, &usr1, NULL) == 0);
	FACT("handled by main after unblocking", handled_by == getpid());
	return 0;
}
