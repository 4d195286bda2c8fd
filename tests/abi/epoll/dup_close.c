/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A registration is keyed by (file, fd) and lives until the file's last descriptor is closed. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 5}, out;
	int ep = epoll_create1(0), fds[2], d;

	SHOW(pipe(fds));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	d = dup(fds[0]);
	ev.data.u64 = 6;
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev)); /* same file, another fd: a second item */
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL));
	SHOW(close(fds[0]));
	SHOW(write(fds[1], "x", 1));
	SHOW(epoll_wait(ep, &out, 1, 0)); /* still reported, under the closed fd's data */
	printf("data %llu\n", (unsigned long long)out.data.u64);
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL)); /* the number is closed */
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL));	  /* not registered under d */
	SHOW(dup2(d, fds[0]));				  /* the same (file, fd) again */
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
	SHOW(close(fds[0]));
	SHOW(close(d)); /* the last: the registration goes */
	SHOW(epoll_wait(ep, &out, 1, 0));
	SHOW(pipe(fds)); /* likely the same numbers: nothing left registered */
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
	SHOW(close(ep));
	return 0;
}
