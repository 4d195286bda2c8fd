/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A thread in sigwaitinfo takes a process-directed signal every thread blocks; sigsuspend in a thread wakes for its own signal. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile int waiting, got_handler;
static int got_sig, got_code;

static void on_usr2(int sig)
{
	(void)sig;
	got_handler = 1;
}

static void *waiter(void *arg)
{
	sigset_t set;
	siginfo_t si;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	waiting = 1;
	got_sig = sigwaitinfo(&set, &si);
	got_code = si.si_code;
	return NULL;
}

static void *suspender(void *arg)
{
	sigset_t none;

	(void)arg;
	sigemptyset(&none);
	waiting = 2;
	sigsuspend(&none);
	return NULL;
}

int main(void)
{
	pthread_t th;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0); /* inherited by the threads */
	CHECK(pthread_create(&th, NULL, waiter, NULL) == 0);
	while (waiting != 1)
		usleep(1000);
	usleep(10000);
	SHOW(kill(getpid(), SIGUSR1));
	CHECK(pthread_join(th, NULL) == 0);
	printf("sigwaitinfo: %s, si_code SI_USER: %s\n", got_sig == SIGUSR1 ? "SIGUSR1" : "other",
	       got_code == SI_USER ? "yes" : "no");
	signal(SIGUSR2, on_usr2);
	CHECK(pthread_create(&th, NULL, suspender, NULL) == 0);
	while (waiting != 2)
		usleep(1000);
	usleep(10000);
	SHOW(pthread_kill(th, SIGUSR2));
	CHECK(pthread_join(th, NULL) == 0);
	FACT("handler ran in the suspended thread", got_handler);
	return 0;
}
