/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_REUSEADDR lets a listener bind a port a closed connection still holds; SO_REUSEPORT lets two sockets share a port (connections spread over both listeners; one closed, the other takes them all); without it EADDRINUSE. */
#include "inet_util.h"

static int bound(int port, int reuseaddr, int reuseport, int type)
{
	socklen_t len;
	struct sockaddr_storage a = lo_addr(AF_INET, port, &len);
	int fd = socket(AF_INET, type, 0);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuseaddr, sizeof(int));
	setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &reuseport, sizeof(int));
	if (bind(fd, (struct sockaddr *)&a, len)) {
		printf("bind: %s\n", abi_errname(errno));
		close(fd);
		return -1;
	}
	printf("bind: ok\n");
	return fd;
}

int main(void)
{
	int l = bound(0, 1, 0, SOCK_STREAM), port = port_of(l), c, s, a, b, v = -1, accepted = 0;
	socklen_t len = sizeof(v);

	SHOW(listen(l, 4));
	c = lo_connect(AF_INET, SOCK_STREAM, l);
	s = accept(l, NULL, NULL);
	SHOW(close(s)); /* the server closes first: its end waits in TIME_WAIT */
	usleep(50000);
	SHOW(close(c));
	SHOW(close(l));
	usleep(50000);
	l = bound(port, 1, 0, SOCK_STREAM);
	SHOW(listen(l, 4));
	SHOW(getsockopt(l, SOL_SOCKET, SO_REUSEADDR, &v, &len));
	printf("reuseaddr %d\n", v);
	SHOW(close(l));
	a = bound(0, 0, 1, SOCK_DGRAM);
	port = port_of(a);
	b = bound(port, 0, 1, SOCK_DGRAM);
	SHOW(close(b));
	b = bound(port, 0, 0, SOCK_DGRAM);
	a = bound(0, 0, 1, SOCK_STREAM);
	port = port_of(a);
	SHOW(listen(a, 4));
	b = bound(port, 0, 1, SOCK_STREAM);
	SHOW(listen(b, 4));
	SHOW(getsockopt(b, SOL_SOCKET, SO_REUSEPORT, &v, &len));
	printf("reuseport %d\n", v);
	for (int i = 0; i < 4; i++)
		lo_connect(AF_INET, SOCK_STREAM, a);
	usleep(100000);
	for (int fd = a, i = 0; i < 2; i++, fd = b) {
		int n = 0;

		fcntl(fd, F_SETFL, O_NONBLOCK);
		while (accept(fd, NULL, NULL) >= 0)
			n++;
		accepted += n;
	}
	printf("connections accepted by the two listeners: %d\n", accepted);
	SHOW(close(a));
	c = lo_connect(AF_INET, SOCK_STREAM, b);
	SHOW(accept(b, NULL, NULL) >= 0);
	return 0;
}
