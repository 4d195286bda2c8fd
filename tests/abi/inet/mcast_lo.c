/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IPv4 multicast on lo: a group joined on lo (IP_ADD_MEMBERSHIP, IP_MULTICAST_IF 127.0.0.1) reaches every socket bound to the port, once, IP_MULTICAST_LOOP or not, with a control message too; after IP_DROP_MEMBERSHIP nothing arrives. */
#include "pktinfo_util.h"

int main(void)
{
	struct sockaddr_in g = {.sin_family = AF_INET};
	struct sockaddr_in any = {.sin_family = AF_INET};
	int m = socket(AF_INET, SOCK_DGRAM, 0), o = socket(AF_INET, SOCK_DGRAM, 0);
	int s = socket(AF_INET, SOCK_DGRAM, 0), one = 1, zero = 0, three = 3;
	struct ip_mreq mr;
	struct in_addr lo;

	inet_pton(AF_INET, "239.1.2.3", &g.sin_addr);
	inet_pton(AF_INET, "239.1.2.3", &mr.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &mr.imr_interface);
	inet_pton(AF_INET, "127.0.0.1", &lo);
	SHOW(setsockopt(m, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	SHOW(setsockopt(o, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	SHOW(bind(m, (struct sockaddr *)&any, sizeof(any)));
	g.sin_port = any.sin_port = htons(port_of(m)); /* o shares m's port */
	SHOW(bind(o, (struct sockaddr *)&any, sizeof(any)));
	SHOW(setsockopt(m, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, &lo, sizeof(lo)));
	SHOW(sendto(s, "m", 1, 0, (struct sockaddr *)&g, sizeof(g)));
	printf("member:\n");
	got_from(m);
	got_from(m);
	printf("not a member:\n");
	got_from(o);
	got_from(o);
	printf("with a control message (IP_TTL 3):\n");
	SHOW(send_ctl(s, (struct sockaddr_storage *)&g, sizeof(g), IPPROTO_IP, IP_TTL, &three,
		      sizeof(three), 0));
	got_from(m);
	got_from(m);
	got_from(o);
	SHOW(setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, &zero, sizeof(zero)));
	SHOW(sendto(s, "m", 1, 0, (struct sockaddr *)&g, sizeof(g)));
	got_from(m);
	got_from(m);
	got_from(o);
	SHOW(setsockopt(m, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr, sizeof(mr)));
	SHOW(sendto(s, "m", 1, 0, (struct sockaddr *)&g, sizeof(g)));
	got_from(m);
	got_from(o);
	return 0;
}
