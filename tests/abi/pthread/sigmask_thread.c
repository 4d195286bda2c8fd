/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Signal masks are per thread and inherited at creation; a process signal goes to a thread that does not block it. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_t worker_thread;
static volatile int handled, in_worker;
static pthread_barrier_t ready;

static void handler(int sig)
{
	(void)sig;
	in_worker = pthread_equal(pthread_self(), worker_thread);
	handled = 1;
}

static void *worker(void *arg)
{
	sigset_t cur, usr1, pend;

	(void)arg;
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	printf("worker inherited the block: %s\n", sigismember(&cur, SIGUSR1) ? "yes" : "no");
	sigpending(&pend);
	printf("worker sees main's SIGUSR2 pending: %s\n",
	       sigismember(&pend, SIGUSR2) ? "yes" : "no");
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	pthread_barrier_wait(&ready);
	while (!handled)
		usleep(1000);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	sigset_t set, pend;
	int sig = 0;

	alarm(8);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	pthread_barrier_init(&ready, NULL, 2);
	SHOW_ERR(pthread_sigmask(12345, &set, NULL));
	SHOW_ERR(pthread_sigmask(SIG_BLOCK, &set, NULL));
	/* Thread-directed: pending for main only. */
	SHOW_ERR(pthread_kill(pthread_self(), SIGUSR2));
	if (QUIET_ERR(pthread_create(&worker_thread, NULL, worker, NULL)))
		return 1;
	pthread_barrier_wait(&ready);
	SHOW(kill(getpid(), SIGUSR1));
	SHOW_ERR(pthread_join(worker_thread, NULL));
	printf("handled in the worker: %s\n", in_worker ? "yes" : "no");
	sigpending(&pend);
	printf("main: SIGUSR1 pending %s, SIGUSR2 pending %s\n",
	       sigismember(&pend, SIGUSR1) ? "yes" : "no",
	       sigismember(&pend, SIGUSR2) ? "yes" : "no");
	SHOW_ERR(sigwait(&set, &sig));
	printf("sigwait took %s\n", abi_signame(sig));
	return 0;
}
