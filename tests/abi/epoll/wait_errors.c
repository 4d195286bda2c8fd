/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* epoll_wait/epoll_pwait/epoll_pwait2: maxevents, buffer, descriptor, sigset and timeout checks. */
/* abi: glibc */
#include "abi.h"

#include <signal.h>
#include <sys/epoll.h>
#include <time.h>

int main(void)
{
	struct epoll_event ev[2];
	struct timespec bad = {0, 1000000000}, neg = {-1, 0}, zero = {0, 0};
	uint64_t mask = 0;
	int ep = epoll_create1(0), fds[2];

	SHOW(pipe(fds));
	SHOW(syscall(SYS_epoll_wait, ep, ev, 0, 0));
	SHOW(syscall(SYS_epoll_wait, ep, ev, -1, 0));
	SHOW(syscall(SYS_epoll_wait, ep, ABI_BADPTR, 1, 0));
	SHOW(syscall(SYS_epoll_wait, ep, ABI_KERNPTR, 1, 0));
	SHOW(syscall(SYS_epoll_wait, ep, NULL, 1, 0));
	SHOW(syscall(SYS_epoll_wait, 99, ev, 1, 0));
	SHOW(syscall(SYS_epoll_wait, 99, ev, 0, 0));
	SHOW(syscall(SYS_epoll_wait, 99, ABI_KERNPTR, 1, 0));
	SHOW(syscall(SYS_epoll_wait, fds[0], ev, 1, 0));
	SHOW(syscall(SYS_epoll_wait, fds[0], ev, 0, 0));
	SHOW(syscall(SYS_epoll_wait, fds[0], ABI_KERNPTR, 1, 0));
	SHOW(syscall(SYS_epoll_wait, ep, ev, 2, 0));
	SHOW(syscall(SYS_epoll_pwait, ep, ev, 1, 0, &mask, 4));
	SHOW(syscall(SYS_epoll_pwait, ep, ev, 1, 0, ABI_BADPTR, 8));
	SHOW(syscall(SYS_epoll_pwait, ep, ev, 1, 0, &mask, 8));
	SHOW(syscall(SYS_epoll_pwait, ep, ev, 1, 0, NULL, 4));
	SHOW(syscall(SYS_epoll_pwait, 99, ev, 1, 0, &mask, 4));
	SHOW(syscall(SYS_epoll_pwait2, ep, ev, 1, &bad, NULL, 8));
	SHOW(syscall(SYS_epoll_pwait2, ep, ev, 1, &neg, NULL, 8));
	SHOW(syscall(SYS_epoll_pwait2, ep, ev, 1, ABI_BADPTR, NULL, 8));
	SHOW(syscall(SYS_epoll_pwait2, ep, ev, 1, &zero, &mask, 4));
	SHOW(syscall(SYS_epoll_pwait2, ep, ev, 1, &zero, &mask, 8));
	SHOW(syscall(SYS_epoll_pwait2, ep, ev, 0, &bad, &mask, 4));
	SHOW(close(fds[0]));
	SHOW(close(fds[1]));
	SHOW(close(ep));
	return 0;
}
