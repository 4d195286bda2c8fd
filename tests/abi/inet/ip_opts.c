/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IPPROTO_IP options: defaults, ranges (IP_TTL 1..255, -1 default), IP_TOS's ECN bits on TCP, flags. */
#include "inet_util.h"

static void geti(int fd, int name, const char *label)
{
	get_int_opt(fd, IPPROTO_IP, name, label);
}

static long seti(int fd, int name, int v)
{
	return set_int_opt(fd, IPPROTO_IP, name, v);
}

int main(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	unsigned char c = 0;
	socklen_t len = 1;

	geti(t, IP_TTL, "ttl");
	SHOW(seti(t, IP_TTL, 0));
	SHOW(seti(t, IP_TTL, 256));
	SHOW(seti(t, IP_TTL, 17));
	geti(t, IP_TTL, "ttl");
	SHOW(seti(t, IP_TTL, -1));
	geti(t, IP_TTL, "ttl");
	geti(t, IP_TOS, "tos");
	SHOW(seti(t, IP_TOS, 0x13));
	geti(t, IP_TOS, "tos tcp");
	SHOW(seti(u, IP_TOS, 0x13));
	geti(u, IP_TOS, "tos udp");
	SHOW(getsockopt(u, IPPROTO_IP, IP_TOS, &c, &len));
	printf("tos byte %d len %d\n", c, (int)len);
	c = 0x20;
	SHOW(setsockopt(u, IPPROTO_IP, IP_TOS, &c, 1));
	geti(u, IP_TOS, "tos after byte");
	geti(u, IP_MULTICAST_TTL, "mcast ttl");
	geti(u, IP_MULTICAST_LOOP, "mcast loop");
	SHOW(seti(u, IP_MULTICAST_TTL, 256));
	SHOW(seti(u, IP_MULTICAST_TTL, 4));
	geti(u, IP_MULTICAST_TTL, "mcast ttl");
	SHOW(seti(u, IP_MULTICAST_LOOP, 0));
	geti(u, IP_MULTICAST_LOOP, "mcast loop");
	geti(u, IP_PKTINFO, "pktinfo");
	SHOW(seti(u, IP_PKTINFO, 5));
	geti(u, IP_PKTINFO, "pktinfo");
	SHOW(seti(u, IP_RECVTOS, 1));
	geti(u, IP_RECVTOS, "recvtos");
	SHOW(seti(u, IP_RECVTTL, 1));
	geti(u, IP_RECVTTL, "recvttl");
	SHOW(seti(u, IP_RECVERR, 1));
	geti(u, IP_RECVERR, "recverr");
	SHOW(seti(u, 9999, 1));
	geti(u, 9999, "unknown");
	return 0;
}
