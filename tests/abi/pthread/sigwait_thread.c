/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A dedicated thread takes process- and thread-directed signals with sigwaitinfo while every thread blocks them. */
/* abi: glibc */
#include <pthread.h>
#include <semaphore.h>
#include "abi.h"

static sigset_t set;
static sem_t taken;
static int got[3], codes[3];

static void *waiter(void *arg)
{
	siginfo_t si;

	(void)arg;
	for (int i = 0; i < 3; i++) {
		got[i] = sigwaitinfo(&set, &si);
		codes[i] = si.si_code;
		sem_post(&taken);
	}
	return NULL;
}

int main(void)
{
	pthread_t t;

	alarm(8);
	sem_init(&taken, 0, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (QUIET_ERR(pthread_create(&t, NULL, waiter, NULL)))
		return 1;
	SHOW(kill(getpid(), SIGTERM));
	sem_wait(&taken);
	SHOW_ERR(pthread_kill(t, SIGUSR2));
	sem_wait(&taken);
	SHOW(sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 5}));
	sem_wait(&taken);
	SHOW_ERR(pthread_join(t, NULL));
	for (int i = 0; i < 3; i++)
		printf("took %s (%s)\n", abi_signame(got[i]), abi_sicode(got[i], codes[i]));
	return 0;
}
