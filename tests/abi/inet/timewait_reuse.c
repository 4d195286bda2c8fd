/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A new connection from the ports of one the server side holds in TIME-WAIT: its SYN starts a new connection, as Linux takes it (RFC 1122 4.2.2.13), twice in a row. */
#include "inet_util.h"
#include <poll.h>

/* Connect from 127.0.0.1:*port (0: any; then set) to the server; exchange a byte each way; the server closes first, so it is the side left in TIME-WAIT. */
static void round_trip(int l, int *port, const char *label)
{
	socklen_t len;
	struct sockaddr_storage a = lo_addr(AF_INET, *port, &len);
	struct sockaddr_storage to = lo_addr(AF_INET, port_of(l), &len);
	int c = socket(AF_INET, SOCK_STREAM, 0), s;
	char b = 0;

	printf("-- %s\n", label);
	SHOW(set_int_opt(c, SOL_SOCKET, SO_REUSEADDR, 1));
	SHOW(bind(c, (struct sockaddr *)&a, len));
	if (!*port)
		*port = port_of(c);
	SHOW(connect(c, (struct sockaddr *)&to, len));
	s = accept(l, NULL, NULL);
	printf("accepted %d\n", s >= 0);
	SHOW(write(c, "q", 1));
	SHOW(read(s, &b, 1));
	SHOW(write(s, "r", 1));
	SHOW(read(c, &b, 1));
	SHOW(close(s)); /* server first: its side waits in TIME-WAIT */
	SHOW(read(c, &b, 1));
	SHOW(close(c));
	/* the last ACK reaches the server */
	poll(NULL, 0, 100);
}

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), port = 0;

	round_trip(l, &port, "first connection");
	round_trip(l, &port, "same ports, the server's side in TIME-WAIT");
	round_trip(l, &port, "and again");
	return 0;
}
