/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IPPROTO_IPV6 options: hop limits (-1 default, 0..255), traffic class, multicast, V6ONLY only before bind. */
#include "inet_util.h"

static void geti(int fd, int name, const char *label)
{
	get_int_opt(fd, IPPROTO_IPV6, name, label);
}

static long seti(int fd, int name, int v)
{
	return set_int_opt(fd, IPPROTO_IPV6, name, v);
}

int main(void)
{
	int u = socket(AF_INET6, SOCK_DGRAM, 0), u4 = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};

	geti(u, IPV6_UNICAST_HOPS, "hops");
	SHOW(seti(u, IPV6_UNICAST_HOPS, 256));
	SHOW(seti(u, IPV6_UNICAST_HOPS, -2));
	SHOW(seti(u, IPV6_UNICAST_HOPS, 9));
	geti(u, IPV6_UNICAST_HOPS, "hops");
	SHOW(seti(u, IPV6_UNICAST_HOPS, -1));
	geti(u, IPV6_UNICAST_HOPS, "hops");
	geti(u, IPV6_TCLASS, "tclass");
	SHOW(seti(u, IPV6_TCLASS, 256));
	SHOW(seti(u, IPV6_TCLASS, 0x28));
	geti(u, IPV6_TCLASS, "tclass");
	geti(u, IPV6_MULTICAST_HOPS, "mcast hops");
	geti(u, IPV6_MULTICAST_LOOP, "mcast loop");
	SHOW(seti(u, IPV6_MULTICAST_LOOP, 2));
	SHOW(seti(u, IPV6_MULTICAST_LOOP, 0));
	geti(u, IPV6_MULTICAST_LOOP, "mcast loop");
	geti(u, IPV6_RECVPKTINFO, "recvpktinfo");
	SHOW(seti(u, IPV6_RECVPKTINFO, 1));
	geti(u, IPV6_RECVPKTINFO, "recvpktinfo");
	geti(u, IPV6_V6ONLY, "v6only");
	SHOW(seti(u, IPV6_V6ONLY, 1));
	SHOW(bind(u, (struct sockaddr *)&a, sizeof(a)));
	SHOW(seti(u, IPV6_V6ONLY, 0));
	geti(u, IPV6_V6ONLY, "v6only");
	geti(u4, IPV6_UNICAST_HOPS, "v4 socket hops");
	SHOW(seti(u4, IPV6_UNICAST_HOPS, 3));
	return 0;
}
