/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* EPOLLEXCLUSIVE: which bits go with it, no MOD, not on an epoll, and MOD of such an item. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE};
	int ep = epoll_create1(0), inner = epoll_create1(0), fds[2];

	SHOW(pipe(fds));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, inner, &ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLPRI;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	ev.events = EPOLLIN | EPOLLOUT | EPOLLET | EPOLLEXCLUSIVE | EPOLLERR | EPOLLHUP;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	ev.events = EPOLLIN;
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[1], &ev));
	SHOW(write(fds[1], "x", 1));
	SHOW(epoll_wait(ep, &ev, 1, 0));
	printf("events = %#x\n", ev.events);
	SHOW(close(fds[0]));
	SHOW(close(fds[1]));
	SHOW(close(inner));
	SHOW(close(ep));
	return 0;
}
