/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A pending urgent byte makes a stream socket POLLPRI (and EPOLLPRI) until it is read. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>

static void show_poll(int s)
{
	struct pollfd p = {s, POLLIN | POLLPRI | POLLRDNORM | POLLRDBAND, 0};

	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
}

int main(void)
{
	int sv[2], ep;
	struct epoll_event ev = {.events = EPOLLIN | EPOLLPRI};
	char c;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(ep = epoll_create1(0));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev));
	show_poll(sv[1]);
	SHOW(send(sv[0], "q", 1, MSG_OOB));
	show_poll(sv[1]);
	SHOW(epoll_wait(ep, &ev, 1, 0));
	printf("events %#x\n", ev.events);
	SHOW(recv(sv[1], &c, 1, MSG_OOB));
	show_poll(sv[1]); /* the consumed byte's place is still queued */
	ev.events = 0;
	SHOW(epoll_wait(ep, &ev, 1, 0));
	printf("events %#x\n", ev.events);
	SHOW(recv(sv[1], &c, 1, MSG_DONTWAIT));
	show_poll(sv[1]);
	SHOW(send(sv[0], "rs", 2, MSG_OOB));
	SHOW(recv(sv[1], &c, 1, 0));
	show_poll(sv[1]);
	SHOW(recv(sv[1], &c, 1, MSG_DONTWAIT)); /* drops the urgent byte */
	show_poll(sv[1]);
	return 0;
}
