/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* EPOLLONESHOT: one report, then disarmed (but still registered) until EPOLL_CTL_MOD. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>

static void wait0(int ep)
{
	struct epoll_event ev[2];
	int n = epoll_wait(ep, ev, 2, 0);

	printf("epoll_wait = %d", n);
	for (int i = 0; i < n; i++)
		printf(" [%#x data %llu]", ev[i].events, (unsigned long long)ev[i].data.u64);
	printf("\n");
}

int main(void)
{
	int ep = epoll_create1(0), fds[2];
	struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = 1};

	SHOW(pipe(fds));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	SHOW(write(fds[1], "x", 1));
	wait0(ep);
	wait0(ep);
	SHOW(write(fds[1], "y", 1));
	wait0(ep);
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	ev.data.u64 = 2;
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	wait0(ep);
	wait0(ep);
	ev = (struct epoll_event){.events = EPOLLIN, .data.u64 = 3};
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	wait0(ep);
	wait0(ep);
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
	wait0(ep);
	return 0;
}
