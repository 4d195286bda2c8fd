/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* EPOLLRDHUP, EPOLLPRI, EPOLLWAKEUP and unknown bits are accepted; a pipe reports none of them. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>

int main(void)
{
	struct epoll_event ev = {.events =
					 EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLWAKEUP},
			   out[2];
	int ep = epoll_create1(0), fds[2], n;

	SHOW(pipe(fds));
	ev.data.u64 = 0;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	ev.data.u64 = 1;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[1], &ev));
	SHOW(write(fds[1], "x", 1));
	n = (int)SHOW(epoll_wait(ep, out, 2, 0));
	for (int i = 0; i < n; i++) /* the order is the order they became ready */
		printf("data %llu events %#x\n", (unsigned long long)out[i].data.u64,
		       out[i].events);
	SHOW(close(fds[1]));
	n = (int)SHOW(epoll_wait(ep, out, 2, 0));
	for (int i = 0; i < n; i++)
		printf("data %llu events %#x\n", (unsigned long long)out[i].data.u64,
		       out[i].events);
	ev.events = EPOLLIN | 0x00800000; /* an unknown bit */
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	n = (int)SHOW(epoll_wait(ep, out, 2, 0));
	if (n > 0)
		printf("events %#x\n", out[0].events);
	return 0;
}
