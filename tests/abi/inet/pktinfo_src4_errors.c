/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendmsg's IP_PKTINFO errors: cmsg_len not an in_pktinfo's EINVAL, a multicast or broadcast source EINVAL, a source not this host's ENETUNREACH (IP_FREEBIND or not), no such ifindex ENODEV; nothing is sent. */
#include "pktinfo_util.h"

int main(void)
{
	socklen_t len;
	int s = lo_server(AF_INET, SOCK_DGRAM), one = 1;
	struct sockaddr_storage to = lo_addr(AF_INET, port_of(s), &len);
	int c = socket(AF_INET, SOCK_DGRAM, 0);

	SHOW(send_pi4(c, &to, len, "127.0.0.2", 0, CMSG_LEN(sizeof(struct in_pktinfo)) - 1));
	SHOW(send_pi4(c, &to, len, "127.0.0.2", 0, CMSG_LEN(sizeof(struct in_pktinfo)) + 4));
	SHOW(send_pi4(c, &to, len, "224.0.0.1", 0, 0));
	SHOW(send_pi4(c, &to, len, "255.255.255.255", 0, 0));
	SHOW(send_pi4(c, &to, len, "240.0.0.1", 0, 0));
	SHOW(send_pi4(c, &to, len, "192.0.2.1", 0, 0));
	SHOW(send_pi4(c, &to, len, "192.0.2.1", 12345, 0));
	SHOW(send_pi4(c, &to, len, "0.0.0.0", 12345, 0));
	SHOW(send_pi4(c, &to, len, "127.0.0.2", 12345, 0));
	SHOW(setsockopt(c, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one)));
	SHOW(send_pi4(c, &to, len, "192.0.2.1", 0, 0));
	got_from(s);
	SHOW(send_pi4(c, &to, len, "127.0.0.9", 0, 0));
	got_from(s);
	return 0;
}
