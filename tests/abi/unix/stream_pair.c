/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* socketpair(SOCK_STREAM): bytes both ways, reads across writes, FIONREAD, EOF after close, EPIPE with SIGPIPE. */
/* abi: glibc */
#include "abi.h"
#include <sys/ioctl.h>
#include <sys/socket.h>

int main(void)
{
	char buf[32] = "";
	int sv[2], n = -1;

	signal(SIGPIPE, SIG_IGN);
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(write(sv[0], "hello", 5));
	SHOW(write(sv[0], " world", 6));
	SHOW(ioctl(sv[1], FIONREAD, &n));
	printf("FIONREAD %d\n", n);
	SHOW(read(sv[1], buf, 3));
	SHOW(read(sv[1], buf, sizeof(buf)));
	printf("got '%s'\n", buf);
	SHOW(write(sv[1], "back", 4));
	SHOW(recv(sv[0], buf, sizeof(buf), 0));
	SHOW(send(sv[0], "", 0, 0));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(write(sv[0], "last", 4));
	SHOW(close(sv[0]));
	SHOW(read(sv[1], buf, sizeof(buf)));
	SHOW(read(sv[1], buf, sizeof(buf)));
	SHOW(write(sv[1], "x", 1));
	SHOW(send(sv[1], "x", 1, MSG_NOSIGNAL));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, ABI_BADPTR));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM | 0x200, 0, sv));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 7, sv));
	return 0;
}
