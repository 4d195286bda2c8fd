/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Real-time signals aimed at one thread queue every instance, taken in order with their values, before the process's own. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

#define RT 40 /* one number for both libcs */

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
	sigaddset(&set, RT);
	for (int i = 0; i < 6; i++) {
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
	si.si_signo = RT;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = value;
	return syscall(SYS_rt_tgsigqueueinfo, getpid(), tid, RT, &si);
}

int main(void)
{
	union sigval v = {.sival_int = 100};
	pthread_t th;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, RT);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	SHOW(sigqueue(getpid(), RT, v)); /* the process's, first sent */
	for (int i = 1; i <= 4; i++)
		SHOW(tgsigqueue(worker_tid, i));
	__atomic_store_n(&go, 1, __ATOMIC_SEQ_CST);
	CHECK(pthread_join(th, NULL) == 0);
	return 0;
}
