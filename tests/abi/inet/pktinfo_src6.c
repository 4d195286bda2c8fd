/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendmsg's IPV6_PKTINFO: ipi6_addr :: or ::1 with or without ipi6_ifindex lo; errors: short cmsg_len EINVAL, no such ifindex ENODEV, a source not this host's EINVAL unless IPV6_FREEBIND (then it is the sender seen). */
#include "pktinfo_util.h"

int main(void)
{
	socklen_t len;
	int s = lo_server(AF_INET6, SOCK_DGRAM), one = 1;
	struct sockaddr_storage to = lo_addr(AF_INET6, port_of(s), &len);
	int c = socket(AF_INET6, SOCK_DGRAM, 0);

	SHOW(send_pi6(c, &to, len, "::", 0, 0));
	got_from(s);
	SHOW(send_pi6(c, &to, len, "::1", 0, 0));
	got_from(s);
	SHOW(send_pi6(c, &to, len, "::1", 1, 0));
	got_from(s);
	SHOW(send_pi6(c, &to, len, "::", 1, CMSG_LEN(sizeof(struct in6_pktinfo)) + 4));
	got_from(s);
	SHOW(send_pi6(c, &to, len, "::1", 0, CMSG_LEN(sizeof(struct in6_pktinfo)) - 1));
	SHOW(send_pi6(c, &to, len, "::", 12345, 0));
	SHOW(send_pi6(c, &to, len, "2001:db8::1", 12345, 0));
	SHOW(send_pi6(c, &to, len, "2001:db8::1", 0, 0));
	SHOW(send_pi6(c, &to, len, "ff02::1", 0, 0));
	SHOW(send_pi6(c, &to, len, "::ffff:127.0.0.1", 0, 0));
	SHOW(send_pi6(c, &to, len, "fe80::1", 0, 0));
	got_from(s);
	SHOW(setsockopt(c, IPPROTO_IPV6, IPV6_FREEBIND, &one, sizeof(one)));
	SHOW(send_pi6(c, &to, len, "2001:db8::1", 0, 0));
	got_from(s);
	return 0;
}
