/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* UDP-Lite sockets (IPPROTO_UDPLITE) over IPv4 and IPv6: created, named, datagrams both ways; not for streams. */
#include "inet_util.h"

static void one(int family)
{
	socklen_t len;
	int s = socket(family, SOCK_DGRAM, IPPROTO_UDPLITE), c, v = 0;
	struct sockaddr_storage a = lo_addr(family, 0, &len);
	char buf[16] = "";

	SHOW(s >= 0);
	SHOW(bind(s, (struct sockaddr *)&a, len));
	a = lo_addr(family, port_of(s), &len);
	c = socket(family, SOCK_DGRAM, IPPROTO_UDPLITE);
	SHOW(connect(c, (struct sockaddr *)&a, len));
	len = sizeof(v);
	SHOW(getsockopt(c, SOL_SOCKET, SO_PROTOCOL, &v, &len));
	printf("protocol %d\n", v);
	SHOW(send(c, "lite", 4, 0));
	SHOW(recv(s, buf, sizeof(buf), 0));
	printf("got '%s'\n", buf);
	close(c);
	close(s);
}

int main(void)
{
	one(AF_INET);
	one(AF_INET6);
	SHOW(socket(AF_INET, SOCK_STREAM, IPPROTO_UDPLITE));
	return 0;
}
