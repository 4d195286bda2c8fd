/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* poll on Unix sockets: fresh, listening (a pending connection), connected, after SHUT_RD, SHUT_WR and the peer's close. */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

static void show(const char *what, int fd)
{
	struct pollfd p = {fd, POLLIN | POLLOUT | POLLRDHUP | POLLPRI, 0};

	poll(&p, 1, 0);
	printf("%-22s revents %04x\n", what, p.revents);
}

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = "\0kevlar-abi-poll"};
	socklen_t alen = sizeof(sa_family_t) + 16;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0), sv[2];

	show("fresh stream", c);
	show("fresh dgram", socket(AF_UNIX, SOCK_DGRAM, 0));
	show("fresh seqpacket", socket(AF_UNIX, SOCK_SEQPACKET, 0));
	bind(l, (struct sockaddr *)&a, alen);
	listen(l, 4);
	show("listening", l);
	connect(c, (struct sockaddr *)&a, alen);
	show("listening, pending", l);
	show("connected client", c);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	show("pair", sv[0]);
	write(sv[1], "x", 1);
	show("pair, data", sv[0]);
	shutdown(sv[0], SHUT_RD);
	show("after SHUT_RD", sv[0]);
	show("peer of SHUT_RD", sv[1]);
	shutdown(sv[0], SHUT_WR);
	show("after SHUT_RDWR", sv[0]);
	show("peer of SHUT_RDWR", sv[1]);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	show("peer closed", sv[0]);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	close(sv[1]);
	show("dgram peer closed", sv[0]);
	SHOW(shutdown(sv[0], 3));
	SHOW(shutdown(sv[0], -1));
	return 0;
}
