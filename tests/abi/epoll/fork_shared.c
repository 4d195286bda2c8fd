/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* After fork both processes share one epoll instance: a child's registration is the parent's. */
/* abi: glibc */
#include "abi.h"

#include <sys/epoll.h>
#include <sys/wait.h>

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 42}, out;
	int ep = epoll_create1(0), fds[2];
	pid_t pid;

	SHOW(pipe(fds));
	pid = fork();
	if (pid == 0) {
		epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev)); /* already there */
	SHOW(write(fds[1], "x", 1));
	SHOW(epoll_wait(ep, &out, 1, 0));
	printf("data %llu\n", (unsigned long long)out.data.u64);
	SHOW(read(fds[0], &out, 1));
	pid = fork();
	if (pid == 0) { /* the child waits; the parent's write wakes it */
		int n = epoll_wait(ep, &out, 1, 5000);

		printf("child epoll_wait = %d data %llu\n", n, (unsigned long long)out.data.u64);
		_exit(0);
	}
	usleep(20000);
	write(fds[1], "y", 1);
	abi_wait_child("child", pid);
	return 0;
}
