/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_kill runs the handler in the target thread; signal 0 probes; a bad signal number: EINVAL. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_t target;
static volatile int handled, in_target, in_main;
static pthread_t main_thread;
static pthread_barrier_t ready;

static void handler(int sig)
{
	(void)sig;
	in_target += pthread_equal(pthread_self(), target);
	in_main += pthread_equal(pthread_self(), main_thread);
	handled = 1;
}

static void *waiter(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&ready);
	while (!handled)
		usleep(1000);
	return NULL;
}

int main(void)
{
	struct sigaction sa;

	alarm(8);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	main_thread = pthread_self();
	pthread_barrier_init(&ready, NULL, 2);
	if (QUIET_ERR(pthread_create(&target, NULL, waiter, NULL)))
		return 1;
	pthread_barrier_wait(&ready);
	SHOW_ERR(pthread_kill(target, 0));
	SHOW_ERR(pthread_kill(target, 1000));
	SHOW_ERR(pthread_kill(target, -1));
	SHOW_ERR(pthread_kill(target, SIGUSR1));
	SHOW_ERR(pthread_join(target, NULL));
	printf("handler ran in the target: %d, in main: %d\n", in_target, in_main);
	handled = 0;
	SHOW_ERR(pthread_kill(pthread_self(), SIGUSR1));
	printf("handler ran in main: %d\n", in_main);
	return 0;
}
