/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* EPOLLEXCLUSIVE: with nobody waiting every instance gets the event; with a waiter in each, one write wakes one. */
/* abi: glibc */
#include "abi.h"

#include <pthread.h>
#include <sys/epoll.h>

static int ep[2], fds[2], result[2];

static void *waiter(void *arg)
{
	struct epoll_event out;
	int i = (int)(long)arg;

	result[i] = epoll_wait(ep[i], &out, 1, 1500);
	return NULL;
}

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE}, out;
	pthread_t th[2];
	char c;

	alarm(20);
	SHOW(pipe(fds));
	for (int i = 0; i < 2; i++) {
		ep[i] = epoll_create1(0);
		SHOW(epoll_ctl(ep[i], EPOLL_CTL_ADD, fds[0], &ev));
	}
	SHOW(write(fds[1], "x", 1)); /* nobody waits: both instances see it */
	SHOW(epoll_wait(ep[0], &out, 1, 0));
	SHOW(epoll_wait(ep[1], &out, 1, 0));
	SHOW(read(fds[0], &c, 1));
	SHOW(epoll_wait(ep[0], &out, 1, 0));
	SHOW(epoll_wait(ep[1], &out, 1, 0));
	for (int i = 0; i < 2; i++)
		QUIET_ERR(pthread_create(&th[i], NULL, waiter, (void *)(long)i));
	usleep(300000); /* both asleep in epoll_wait */
	SHOW(write(fds[1], "y", 1));
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	printf("woken %d, timed out %d\n", (result[0] == 1) + (result[1] == 1),
	       (result[0] == 0) + (result[1] == 0));
	return 0;
}
