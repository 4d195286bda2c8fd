/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tgkill/tkill/pthread_kill reach the named thread; errors: ESRCH for a wrong tgid or a gone tid, EINVAL. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile pid_t handled_by;
static volatile int ready, done;
static pid_t worker_tid;

static void on_usr1(int sig)
{
	(void)sig;
	handled_by = (pid_t)syscall(SYS_gettid);
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	__atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&done, __ATOMIC_SEQ_CST))
		usleep(1000);
	return NULL;
}

int main(void)
{
	pthread_t th;
	pid_t me = getpid();

	signal(SIGUSR1, on_usr1);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!__atomic_load_n(&ready, __ATOMIC_SEQ_CST))
		usleep(1000);
	SHOW(syscall(SYS_tgkill, me, worker_tid, SIGUSR1));
	while (!handled_by)
		usleep(1000);
	FACT("tgkill: handled by the worker", handled_by == worker_tid);
	handled_by = 0;
	SHOW(syscall(SYS_tkill, worker_tid, SIGUSR1));
	while (!handled_by)
		usleep(1000);
	FACT("tkill: handled by the worker", handled_by == worker_tid);
	handled_by = 0;
	CHECK(pthread_kill(pthread_self(), SIGUSR1) == 0);
	FACT("pthread_kill(self): handled by main", handled_by == me);
	SHOW(syscall(SYS_tgkill, me, worker_tid, 0));
	SHOW(syscall(SYS_tgkill, me + 1 == worker_tid ? me + 2 : me + 1, worker_tid, 0));
	SHOW(syscall(SYS_tgkill, 0, worker_tid, 0));
	SHOW(syscall(SYS_tgkill, me, 0, 0));
	SHOW(syscall(SYS_tgkill, me, -1, 0));
	SHOW(syscall(SYS_tgkill, me, worker_tid, 65));
	SHOW(syscall(SYS_tkill, 0, SIGUSR1));
	SHOW(syscall(SYS_tkill, worker_tid, -1));
	__atomic_store_n(&done, 1, __ATOMIC_SEQ_CST);
	CHECK(pthread_join(th, NULL) == 0);
	/* the tid may outlive the join a moment (Linux wakes the joiner first) */
	for (int n = 0; n < 1000 && syscall(SYS_tgkill, me, worker_tid, 0) == 0; n++)
		usleep(1000);
	SHOW(syscall(SYS_tgkill, me, worker_tid, 0));
	SHOW(syscall(SYS_tkill, worker_tid, 0));
	return 0;
}
