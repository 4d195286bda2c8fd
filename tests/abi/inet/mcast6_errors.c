/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IPV6_JOIN_GROUP/IPV6_LEAVE_GROUP/IPV6_MULTICAST_IF on lo: join and leave by ifindex, a second join EADDRINUSE, a leave of no membership EADDRNOTAVAIL, no multicast group EINVAL, no such interface ENODEV, short values EINVAL, TCP EPROTO/ENOPROTOOPT; lo has no IPv6 multicast route: a send out of it ENETUNREACH. */
#include "pktinfo_util.h"

int main(void)
{
	int u = socket(AF_INET6, SOCK_DGRAM, 0), t = socket(AF_INET6, SOCK_STREAM, 0);
	int lo = 1, big = 12345, got = -1;
	socklen_t glen = sizeof(got);
	struct ipv6_mreq mr = {.ipv6mr_interface = 1}, bad;
	struct sockaddr_in6 g = {.sin6_family = AF_INET6, .sin6_port = htons(9)};

	inet_pton(AF_INET6, "ff0e::1:2:3", &mr.ipv6mr_multiaddr);
	g.sin6_addr = mr.ipv6mr_multiaddr;
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr)));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr)));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &mr, sizeof(mr)));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &mr, sizeof(mr)));
	bad = mr;
	inet_pton(AF_INET6, "2001:db8::1", &bad.ipv6mr_multiaddr);
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &bad, sizeof(bad)));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &bad, sizeof(bad)));
	bad = mr;
	bad.ipv6mr_interface = 12345;
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &bad, sizeof(bad)));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr) - 1));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, 2));
	SHOW(setsockopt(t, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr)));
	SHOW(setsockopt(t, IPPROTO_IPV6, IPV6_MULTICAST_IF, &lo, sizeof(lo)));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, &big, sizeof(big)));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, &lo, 2));
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, &lo, sizeof(lo)));
	SHOW(getsockopt(u, IPPROTO_IPV6, IPV6_MULTICAST_IF, &got, &glen));
	printf("if %d len %d\n", got, (int)glen);
	SHOW(setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mr, sizeof(mr)));
	SHOW(sendto(u, "m", 1, 0, (struct sockaddr *)&g, sizeof(g)));
	return 0;
}
