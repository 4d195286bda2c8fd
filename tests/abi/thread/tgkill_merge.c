/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A standard signal sent twice to a blocking thread is pending once, keeping the first siginfo, apart from the process's own instance. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile pid_t worker_tid;
static volatile int go;

static void *worker(void *arg)
{
	sigset_t set;
	siginfo_t si;

	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!__atomic_load_n(&go, __ATOMIC_SEQ_CST))
		usleep(1000);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	for (int i = 0; i < 3; i++) {
		struct timespec zero = {0, 0};
		int sig = sigtimedwait(&set, &si, &zero);

		if (sig < 0)
			printf("worker: %s\n", abi_errname(errno));
		else
			printf("worker: %s %s value %d\n", abi_signame(sig),
			       abi_sicode(sig, si.si_code), si.si_value.sival_int);
	}
	return NULL;
}

static long tgsigqueue(pid_t tid, int value)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_value.sival_int = value;
	return syscall(SYS_rt_tgsigqueueinfo, getpid(), tid, SIGUSR1, &si);
}

int main(void)
{
	pthread_t th;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	SHOW(kill(getpid(), SIGUSR1)); /* the process's: every thread blocks it */
	SHOW(tgsigqueue(worker_tid, 7));
	SHOW(syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1));
	SHOW(tgsigqueue(worker_tid, 8));
	__atomic_store_n(&go, 1, __ATOMIC_SEQ_CST);
	CHECK(pthread_join(th, NULL) == 0);
	return 0;
}
