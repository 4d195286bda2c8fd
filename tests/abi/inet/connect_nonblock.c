/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A non-blocking connect: EINPROGRESS, then POLLOUT and SO_ERROR 0; EISCONN after; refused: POLLERR and SO_ERROR ECONNREFUSED. */
#include "inet_util.h"
#include <fcntl.h>
#include <poll.h>

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), dead = lo_server(AF_INET, SOCK_STREAM), e = -1;
	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), r, dport = port_of(dead);
	socklen_t len, el = sizeof(e);
	struct sockaddr_storage a = lo_addr(AF_INET, port_of(l), &len);
	struct pollfd p = {.fd = c, .events = POLLIN | POLLOUT};

	SHOW(close(dead));
	r = connect(c, (struct sockaddr *)&a, len);
	printf("connect: %s\n", r == 0 ? "0" : abi_errname(errno));
	SHOW(poll(&p, 1, 10000));
	printf("revents %#x\n", p.revents);
	SHOW(getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &el));
	printf("SO_ERROR %d\n", e);
	SHOW(connect(c, (struct sockaddr *)&a, len));
	SHOW(close(c));

	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	a = lo_addr(AF_INET, dport, &len);
	r = connect(c, (struct sockaddr *)&a, len);
	printf("connect: %s\n", r == 0 ? "0" : abi_errname(errno));
	p.fd = c;
	SHOW(poll(&p, 1, 10000));
	printf("revents has POLLERR %d POLLOUT %d POLLHUP %d\n", !!(p.revents & POLLERR),
	       !!(p.revents & POLLOUT), !!(p.revents & POLLHUP));
	SHOW(getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &el));
	printf("SO_ERROR %s\n", abi_errname(e));
	SHOW(getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &el));
	printf("SO_ERROR %d\n", e);
	return 0;
}
