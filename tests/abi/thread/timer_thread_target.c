/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A SIGEV_THREAD_ID timer's signal goes to its thread, not to the leader, and rearms after each delivery. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <time.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static volatile int hits_worker, hits_other, stop;
static volatile pid_t worker_tid;

static void on_alarm(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	if ((pid_t)syscall(SYS_gettid) == worker_tid && si->si_code == SI_TIMER)
		hits_worker++;
	else
		hits_other++;
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!stop && hits_worker < 3)
		usleep(1000);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	struct sigevent sev;
	struct itimerspec its = {{0, 5000000}, {0, 5000000}};
	pthread_t th;
	int id;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_alarm;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_notify_thread_id = worker_tid;
	CHECK(syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id) == 0);
	CHECK(syscall(SYS_timer_settime, id, 0, &its, NULL) == 0);
	for (int n = 0; n < 2000 && hits_worker < 3; n++)
		usleep(1000); /* the leader sleeps unblocked: it must not take them */
	CHECK(syscall(SYS_timer_delete, id) == 0);
	stop = 1;
	CHECK(pthread_join(th, NULL) == 0);
	printf("worker took at least 3: %s, others took: %d\n", hits_worker >= 3 ? "yes" : "no",
	       hits_other);
	return 0;
}
