/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An epoll inside an epoll: readiness passes up; cycles and too deep nesting give ELOOP. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>

#define N 8

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN}, out;
	int ep[N], fds[2];
	char c;

	for (int i = 0; i < N; i++)
		ep[i] = epoll_create1(0);
	SHOW(pipe(fds));
	SHOW(epoll_ctl(ep[1], EPOLL_CTL_ADD, fds[0], &ev));
	ev.data.u64 = 1;
	SHOW(epoll_ctl(ep[0], EPOLL_CTL_ADD, ep[1], &ev));
	SHOW(epoll_wait(ep[0], &out, 1, 0));
	SHOW(write(fds[1], "x", 1));
	SHOW(epoll_wait(ep[0], &out, 1, 0));
	printf("events %#x data %llu\n", out.events, (unsigned long long)out.data.u64);
	SHOW(read(fds[0], &c, 1));
	SHOW(epoll_wait(ep[0], &out, 1, 0));		   /* inner no longer ready */
	SHOW(epoll_ctl(ep[1], EPOLL_CTL_ADD, ep[0], &ev)); /* a cycle */
	SHOW(epoll_ctl(ep[1], EPOLL_CTL_ADD, ep[1], &ev));
	/* a chain ep[2] <- ep[3] <- ... : how deep may it go? */
	for (int i = 3; i < N; i++) {
		printf("add ep%d into ep%d: ", i - 1, i);
		SHOW(epoll_ctl(ep[i], EPOLL_CTL_ADD, ep[i - 1], &ev));
	}
	/* the pair ep[0] <- ep[1] below each link of the chain */
	for (int i = 3; i < N; i++) {
		printf("add ep0 into ep%d: ", i);
		SHOW(epoll_ctl(ep[i], EPOLL_CTL_ADD, ep[0], &ev));
	}
	SHOW(epoll_wait(ep[N - 1], &out, 1, 0));
	return 0;
}
