/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* poll and select on an epoll descriptor: readable while an item is ready. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int ep = epoll_create1(0), fds[2];
	struct pollfd p;
	struct timeval tv = {0, 0};
	fd_set rd;
	char c;
	pid_t pid;

	SHOW(pipe(fds));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	p = (struct pollfd){.fd = ep, .events = POLLIN | POLLOUT};
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", (unsigned)p.revents);
	SHOW(write(fds[1], "x", 1));
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", (unsigned)p.revents);
	FD_ZERO(&rd);
	FD_SET(ep, &rd);
	SHOW(select(ep + 1, &rd, NULL, NULL, &tv));
	SHOW(read(fds[0], &c, 1));
	SHOW(poll(&p, 1, 0)); /* the item is no longer ready */
	printf("revents %#x\n", (unsigned)p.revents);
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		write(fds[1], "y", 1);
		_exit(0);
	}
	SHOW(poll(&p, 1, 5000)); /* woken by the other process's write */
	printf("revents %#x\n", (unsigned)p.revents);
	abi_wait_child("child", pid);
	return 0;
}
