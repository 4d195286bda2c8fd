/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* socket(AF_NETLINK): the types and protocols it takes, and what it reports. */
/* abi: glibc */
#include <fcntl.h>
#include "nl.h"

int main(void)
{
	int s, v;
	socklen_t l = sizeof(v);

	SHOW(socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE));
	SHOW(socket(AF_NETLINK, SOCK_SEQPACKET, NETLINK_ROUTE));
	SHOW(socket(AF_NETLINK, SOCK_STREAM, 99));
	SHOW(socket(AF_NETLINK, SOCK_RAW, -1));
	SHOW(socket(AF_NETLINK, SOCK_RAW, 32));
	SHOW(socket(AF_NETLINK, SOCK_RAW, 1)); /* NETLINK_UNUSED */
	SHOW(socket(AF_NETLINK, SOCK_RAW, 1000));
	s = SHOW_OK(socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE));
	SHOW(fcntl(s, F_GETFD));
	SHOW(fcntl(s, F_GETFL) & O_NONBLOCK);
	SHOW(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &l));
	printf("SO_TYPE %d\n", v);
	SHOW(getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &l));
	printf("SO_DOMAIN %d\n", v);
	SHOW(getsockopt(s, SOL_SOCKET, SO_PROTOCOL, &v, &l));
	printf("SO_PROTOCOL %d\n", v);
	SHOW(close(s));
	s = SHOW_OK(nl_socket(0));
	SHOW(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &l));
	printf("SO_TYPE %d\n", v);
	/* what connection-oriented calls answer */
	SHOW(listen(s, 1));
	SHOW(accept(s, NULL, NULL));
	SHOW(shutdown(s, SHUT_RD));
	SHOW(close(s));
	return 0;
}
