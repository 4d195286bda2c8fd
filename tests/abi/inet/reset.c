/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Closing a TCP socket with unread data resets the connection: the peer reads ECONNRESET, then EOF, and writes give EPIPE. */
#include "inet_util.h"
#include <poll.h>

int main(void)
{
	char buf[16];
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL);
	struct pollfd p = {.fd = c, .events = POLLIN};

	signal(SIGPIPE, SIG_IGN);
	SHOW(write(c, "unread", 6));
	SHOW(poll(&(struct pollfd){.fd = s, .events = POLLIN}, 1, 5000));
	SHOW(close(s));
	SHOW(poll(&p, 1, 5000));
	printf("revents has POLLERR %d POLLHUP %d\n", !!(p.revents & POLLERR),
	       !!(p.revents & POLLHUP));
	SHOW(read(c, buf, sizeof(buf)));
	SHOW(read(c, buf, sizeof(buf)));
	SHOW(write(c, "x", 1));
	return 0;
}
