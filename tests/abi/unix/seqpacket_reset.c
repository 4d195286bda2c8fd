/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A seqpacket connection still in the listener's backlog when the listener closes: send gets ECONNRESET once, then EPIPE. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	socklen_t alen = sizeof(a.sun_family) + 1 + 13;
	int l, c, v = -7;
	socklen_t len = sizeof(v);
	char buf[8];

	memcpy(a.sun_path + 1, "abi-seq-reset", 13);
	l = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	CHECK(bind(l, (struct sockaddr *)&a, alen) == 0);
	CHECK(listen(l, 1) == 0);
	c = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0);
	SHOW(connect(c, (struct sockaddr *)&a, alen));
	SHOW(close(l));

	struct pollfd p = {.fd = c, .events = POLLIN | POLLOUT | POLLRDHUP};
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	SHOW(send(c, "x", 1, MSG_NOSIGNAL));
	SHOW(getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len));
	printf("SO_ERROR %d\n", v);
	SHOW(send(c, "x", 1, MSG_NOSIGNAL));
	SHOW(recv(c, buf, sizeof(buf), 0));
	SHOW(send(c, "x", 1, MSG_NOSIGNAL));
	return 0;
}
