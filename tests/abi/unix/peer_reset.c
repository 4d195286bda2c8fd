/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A stream peer closed with unread data: ECONNRESET once (SO_ERROR, POLLERR), then end of file; send/recv on unconnected sockets. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = "x"};
	int sv[2], fd = socket(AF_UNIX, SOCK_STREAM, 0), e = -1;
	socklen_t len = sizeof(e);
	struct pollfd p;
	char b[4];

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(write(sv[0], "unread", 6));
	SHOW(close(sv[1]));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(write(sv[1], "to-close", 8));
	SHOW(write(sv[0], "unread", 6));
	SHOW(close(sv[1]));
	p = (struct pollfd){sv[0], POLLIN, 0};
	SHOW(poll(&p, 1, 0));
	printf("revents %x\n", p.revents);
	SHOW(read(sv[0], b, sizeof(b)));
	SHOW(read(sv[0], b, sizeof(b)));
	SHOW(read(sv[0], b, sizeof(b)));
	SHOW(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &e, &len));
	printf("SO_ERROR %d\n", e);
	SHOW(send(fd, "x", 1, 0));
	SHOW(sendto(fd, "x", 1, 0, (struct sockaddr *)&a, sizeof(a)));
	SHOW(recv(fd, b, 1, 0));
	SHOW(read(fd, b, 1));
	SHOW(send(sv[0], "x", 1, MSG_OOB | MSG_NOSIGNAL));
	return 0;
}
