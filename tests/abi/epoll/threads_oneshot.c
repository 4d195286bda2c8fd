/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Four threads in epoll_wait on one instance, a one-shot item re-armed by whoever takes it: every byte is taken once. */
/* abi: glibc */
#include "abi.h"

#include <pthread.h>
#include <sys/epoll.h>

#define BYTES	200
#define THREADS 4

static int ep, fds[2];
static int taken; /* atomic */

static void *worker(void *arg)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT}, got;
	char c;

	(void)arg;
	for (;;) {
		if (epoll_wait(ep, &got, 1, -1) != 1)
			return NULL;
		if (read(fds[0], &c, 1) != 1)
			return NULL;
		if (c == 'q') { /* pass the end on to the next thread */
			write(fds[1], "q", 1);
			epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev);
			return NULL;
		}
		__atomic_add_fetch(&taken, 1, __ATOMIC_RELAXED);
		epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev);
	}
}

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT};
	pthread_t th[THREADS];

	alarm(20);
	ep = epoll_create1(0);
	SHOW(pipe(fds));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	for (int i = 0; i < THREADS; i++)
		QUIET_ERR(pthread_create(&th[i], NULL, worker, NULL));
	for (int i = 0; i < BYTES; i++) {
		if (write(fds[1], "x", 1) != 1)
			return 1;
		if (i % 16 == 0)
			usleep(1000);
	}
	SHOW(write(fds[1], "q", 1));
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	printf("taken %d\n", taken);
	return 0;
}
