/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_tgsigqueueinfo reaches the named thread with its value; forging si_code for another thread is EPERM, a wrong tgid ESRCH. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile pid_t worker_tid;
static int got_sig, got_code, got_value;

static void *worker(void *arg)
{
	sigset_t set;
	siginfo_t si;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	worker_tid = (pid_t)syscall(SYS_gettid);
	got_sig = sigwaitinfo(&set, &si);
	got_code = si.si_code;
	got_value = si.si_value.sival_int;
	return NULL;
}

static long tgsigqueue(pid_t tgid, pid_t tid, int code, int value)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGRTMIN;
	si.si_code = code;
	si.si_pid = getpid();
	si.si_value.sival_int = value;
	return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, SIGRTMIN, &si);
}

int main(void)
{
	pthread_t th;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	SHOW(tgsigqueue(getpid(), worker_tid, SI_USER, 1));
	SHOW(tgsigqueue(getppid(), worker_tid, SI_QUEUE, 1));
	SHOW(tgsigqueue(getpid(), worker_tid, SI_QUEUE, 42));
	CHECK(pthread_join(th, NULL) == 0);
	printf("worker: %s, SI_QUEUE %s, value %d\n", got_sig == SIGRTMIN ? "SIGRTMIN" : "other",
	       got_code == SI_QUEUE ? "yes" : "no", got_value);
	return 0;
}
