/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* 500 round trips between two processes, each blocked in epoll_wait (one edge-, one level-triggered): no wake-up is lost. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>

#define ROUNDS 500

/* Wait on `ep` for `in`, take its byte, send one on `out`, `n` times. */
static int bounce(int in, int out, unsigned events, int n, int first)
{
	struct epoll_event ev = {.events = events}, got;
	int ep = epoll_create1(0);
	char c = 'x';

	if (epoll_ctl(ep, EPOLL_CTL_ADD, in, &ev))
		return 0;
	if (first && write(out, &c, 1) != 1)
		return 0;
	for (int i = 0; i < n; i++) {
		if (epoll_wait(ep, &got, 1, 5000) != 1 || read(in, &c, 1) != 1)
			return i;
		if (!(first && i == n - 1) && write(out, &c, 1) != 1)
			return i;
	}
	return n;
}

int main(void)
{
	int a[2], b[2], done;
	pid_t pid;

	SHOW(pipe(a));
	SHOW(pipe(b));
	pid = fork();
	if (pid == 0)
		_exit(bounce(a[0], b[1], EPOLLIN | EPOLLET, ROUNDS, 0) == ROUNDS ? 0 : 1);
	done = bounce(b[0], a[1], EPOLLIN, ROUNDS, 1);
	printf("round trips: %d\n", done);
	abi_wait_child("child", pid);
	return 0;
}
