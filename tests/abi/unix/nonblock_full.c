/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A stream socket's buffer is bounded: non-blocking writes end in EAGAIN, POLLOUT goes and comes back once the reader drains it. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/socket.h>

int main(void)
{
	static char buf[4096];
	struct pollfd pfd;
	int sv[2], ok = 1;
	long total = 0, got = 0;
	ssize_t n;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
	while ((n = write(sv[0], buf, sizeof(buf))) > 0 && total < (64l << 20))
		total += n;
	printf("stopped with %s, bounded %d\n", abi_errname(errno), total < (64l << 20));
	pfd = (struct pollfd){sv[0], POLLIN | POLLOUT, 0};
	SHOW(poll(&pfd, 1, 0));
	printf("revents %x\n", pfd.revents);
	SHOW(send(sv[0], buf, 1, MSG_DONTWAIT));
	while ((n = read(sv[1], buf, sizeof(buf))) > 0)
		got += n;
	printf("read all back: %d (%s)\n", got == total, abi_errname(errno));
	pfd = (struct pollfd){sv[0], POLLIN | POLLOUT, 0};
	SHOW(poll(&pfd, 1, 0));
	printf("revents %x\n", pfd.revents);
	(void)ok;
	return 0;
}
