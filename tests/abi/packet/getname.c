/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getsockname of a packet socket: unbound, bound to lo (ARPHRD_LOOPBACK, a zero address), a protocol kept or changed. */
#include "packet_util.h"

static void name(int fd, const char *what)
{
	struct sockaddr_ll a;
	socklen_t len = sizeof(a);

	memset(&a, 0xee, sizeof(a));
	if (getsockname(fd, (struct sockaddr *)&a, &len))
		printf("%s: getsockname -1 %s\n", what, abi_errname(errno));
	else
		show_sll(what, &a, len);
}

int main(void)
{
	struct sockaddr_ll a;
	int fd, fd2;

	packet_netns();
	fd = SHOW(socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));
	name(fd, "raw all, unbound");
	a = sll_of((int)if_nametoindex("lo"), 0);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	name(fd, "bound to lo, protocol 0");
	a = sll_of((int)if_nametoindex("lo"), ETH_P_ARP);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	name(fd, "bound to lo, ETH_P_ARP");
	a = sll_of(0, 0);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	name(fd, "bound to any");
	fd2 = SHOW(socket(AF_PACKET, SOCK_DGRAM, 0));
	name(fd2, "dgram, protocol 0");
	SHOW(close(fd2));
	SHOW(close(fd));
	return 0;
}
