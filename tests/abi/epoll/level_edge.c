/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Level-triggered items report until drained; edge-triggered ones once per new write. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>

static void wait0(int ep)
{
	struct epoll_event ev[4];
	int n = epoll_wait(ep, ev, 4, 0);

	printf("epoll_wait = %d", n);
	for (int i = 0; i < n; i++)
		printf(" [%#x data %llu]", ev[i].events, (unsigned long long)ev[i].data.u64);
	printf("\n");
}

int main(void)
{
	int lt = epoll_create1(0), et = epoll_create1(0), fds[2];
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 7};
	char buf[8];

	SHOW(pipe(fds));
	SHOW(epoll_ctl(lt, EPOLL_CTL_ADD, fds[0], &ev));
	ev = (struct epoll_event){.events = EPOLLIN | EPOLLET, .data.u64 = 8};
	SHOW(epoll_ctl(et, EPOLL_CTL_ADD, fds[0], &ev));
	wait0(lt);
	wait0(et);
	SHOW(write(fds[1], "ab", 2));
	wait0(lt);
	wait0(lt);
	wait0(et);
	wait0(et);
	SHOW(read(fds[0], buf, 1));
	wait0(lt);
	wait0(et); /* a read is no new edge */
	SHOW(write(fds[1], "c", 1));
	wait0(et);
	SHOW(read(fds[0], buf, sizeof(buf)));
	wait0(lt);
	ev = (struct epoll_event){.events = EPOLLIN | EPOLLET, .data.u64 = 9};
	SHOW(epoll_ctl(et, EPOLL_CTL_MOD, fds[0], &ev));
	wait0(et);
	SHOW(write(fds[1], "d", 1));
	SHOW(epoll_ctl(et, EPOLL_CTL_MOD, fds[0], &ev)); /* MOD re-arms a ready edge */
	wait0(et);
	wait0(et);
	SHOW(close(fds[1])); /* hang-up: EPOLLHUP, asked or not */
	wait0(lt);
	wait0(et);
	return 0;
}
