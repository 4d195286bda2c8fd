/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Readiness of a netlink socket through poll and epoll; a blocked recv woken by a message. */
/* abi: glibc */
#include <poll.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include "nl.h"

int main(void)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK, .nl_pid = NL_PORT(12)};
	struct pollfd p;
	struct epoll_event ev = {.events = EPOLLIN}, out;
	int s = nl_socket(0), ep = epoll_create1(0);
	char buf[64];
	pid_t pid;

	SHOW(bind(s, (void *)&a, sizeof(a)));
	p = (struct pollfd){s, POLLIN | POLLOUT, 0};
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev));
	SHOW(epoll_wait(ep, &out, 1, 0));
	alarm(10);
	pid = fork();
	if (pid == 0) {
		int c = nl_socket(0);

		usleep(100000);
		_exit(sendto(c, "wake", 4, 0, (void *)&a, sizeof(a)) == 4 ? 0 : 1);
	}
	SHOW(epoll_wait(ep, &out, 1, 5000));
	printf("events %#x\n", out.events);
	p = (struct pollfd){s, POLLIN | POLLOUT, 0};
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	SHOW(recv(s, buf, sizeof(buf), 0));
	abi_wait_child("sender", pid);
	/* a blocking recv sleeps until the message comes */
	pid = fork();
	if (pid == 0) {
		int c = nl_socket(0);

		usleep(100000);
		_exit(sendto(c, "late", 4, 0, (void *)&a, sizeof(a)) == 4 ? 0 : 1);
	}
	SHOW(recv(s, buf, sizeof(buf), 0));
	printf("%.4s\n", buf);
	abi_wait_child("sender", pid);
	/* SO_RCVTIMEO ends the wait with EAGAIN */
	SHOW(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &(struct timeval){0, 50000},
			sizeof(struct timeval)));
	SHOW(recv(s, buf, sizeof(buf), 0));
	return 0;
}
