/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IP_ADD_MEMBERSHIP/IP_DROP_MEMBERSHIP/IP_MULTICAST_IF errors on lo: a second join EADDRINUSE, a leave of no membership EADDRNOTAVAIL, no multicast group EINVAL, no such interface ENODEV (join) or EADDRNOTAVAIL (IF), short values EINVAL, TCP EPROTO; ip_mreqn by ifindex; IP_MULTICAST_IF read back. */
#include "pktinfo_util.h"

int main(void)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0), t = socket(AF_INET, SOCK_STREAM, 0);
	struct ip_mreq mr, bad;
	struct ip_mreqn mn = {.imr_ifindex = 1};
	struct in_addr a, got;
	socklen_t glen = sizeof(got);

	inet_pton(AF_INET, "239.1.2.3", &mr.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &mr.imr_interface);
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	bad = mr;
	inet_pton(AF_INET, "10.0.0.1", &bad.imr_multiaddr);
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &bad, sizeof(bad)));
	bad = mr;
	inet_pton(AF_INET, "192.0.2.1", &bad.imr_interface);
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &bad, sizeof(bad)));
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr) - 1));
	mn.imr_multiaddr = mr.imr_multiaddr;
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mn, sizeof(mn)));
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mn, sizeof(mn)));
	mn.imr_ifindex = 12345;
	SHOW(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mn, sizeof(mn)));
	SHOW(setsockopt(t, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(t, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, 1));
	inet_pton(AF_INET, "192.0.2.1", &a);
	SHOW(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &a, sizeof(a)));
	SHOW(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &a, 3));
	SHOW(setsockopt(t, IPPROTO_IP, IP_MULTICAST_IF, &a, sizeof(a)));
	inet_pton(AF_INET, "127.0.0.1", &a);
	SHOW(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &a, sizeof(a)));
	SHOW(getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &got, &glen));
	printf("if %s len %d\n", inet_ntoa(got), (int)glen);
	memset(&a, 0, sizeof(a));
	SHOW(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &a, sizeof(a)));
	SHOW(getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &got, &glen));
	printf("if %s len %d\n", inet_ntoa(got), (int)glen);
	return 0;
}
