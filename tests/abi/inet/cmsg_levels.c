/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendmsg on UDP passes over control messages of a level not the socket's family's (IPv6's on AF_INET, IP's and TCP's on AF_INET6); an unknown type of its own level is EINVAL. */
#include "pktinfo_util.h"

static void try(int family)
{
	socklen_t len;
	int s = lo_server(family, SOCK_DGRAM), c = socket(family, SOCK_DGRAM, 0), v = 5;
	struct sockaddr_storage to = lo_addr(family, port_of(s), &len);

	printf("family %s:\n", family == AF_INET ? "AF_INET" : "AF_INET6");
	SHOW(send_ctl(c, &to, len, IPPROTO_IPV6, IPV6_HOPLIMIT, &v, sizeof(v), 0));
	got_from(s);
	SHOW(send_ctl(c, &to, len, IPPROTO_IP, IP_TTL, &v, sizeof(v), 0));
	got_from(s);
	SHOW(send_ctl(c, &to, len, IPPROTO_TCP, 1, &v, sizeof(v), 0));
	got_from(s);
	SHOW(send_ctl(c, &to, len, family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6, 99, &v, sizeof(v),
		      0));
	got_from(s);
	close(c);
	close(s);
}

int main(void)
{
	try(AF_INET);
	try(AF_INET6);
	return 0;
}
