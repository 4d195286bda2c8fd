/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* epoll_ctl's errors: EBADF, EPERM, EINVAL, EEXIST, ENOENT, EFAULT, and their order. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>
#include <sys/epoll.h>

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int ep = epoll_create1(0), fds[2], reg;

	SHOW(pipe(fds));
	reg = open("f", O_CREAT | O_RDWR, 0600);
	SHOW(epoll_ctl(99, EPOLL_CTL_ADD, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, reg, &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
	SHOW(epoll_ctl(fds[1], EPOLL_CTL_ADD, fds[0], &ev));
	SHOW(epoll_ctl(reg, EPOLL_CTL_ADD, fds[0], &ev));
	SHOW(epoll_ctl(ep, 99, fds[0], &ev));
	SHOW(epoll_ctl(ep, 0, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], ABI_BADPTR));
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], NULL));
	SHOW(epoll_ctl(ep, 99, fds[0], NULL));
	SHOW(epoll_ctl(99, EPOLL_CTL_ADD, fds[0], NULL));
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
	SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], ABI_BADPTR));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev)); /* /dev/null: no readiness */
	ev.events = 0xffffffff & ~(EPOLLEXCLUSIVE | EPOLLWAKEUP);
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev)); /* unknown bits are kept quietly */
	SHOW(close(reg));
	SHOW(unlink("f"));
	SHOW(close(fds[0]));
	SHOW(close(fds[1]));
	SHOW(close(ep));
	return 0;
}
