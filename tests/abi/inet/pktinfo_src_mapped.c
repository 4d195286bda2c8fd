/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An AF_INET6 socket sending to an IPv4-mapped address takes IPv4's control messages: IPV6_PKTINFO's source must be mapped (:: and ::1 EINVAL), IP_PKTINFO works, IPV6_HOPLIMIT is passed over. */
#include "pktinfo_util.h"

int main(void)
{
	socklen_t len;
	int s = lo_server(AF_INET, SOCK_DGRAM), c = socket(AF_INET6, SOCK_DGRAM, 0), h = 0;
	struct sockaddr_storage to;
	struct sockaddr_in6 *m = (struct sockaddr_in6 *)&to;

	memset(&to, 0, sizeof(to));
	m->sin6_family = AF_INET6;
	m->sin6_port = htons(port_of(s));
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &m->sin6_addr);
	len = sizeof(*m);
	SHOW(send_pi6(c, &to, len, "::ffff:127.0.0.2", 0, 0));
	got_from(s);
	SHOW(send_pi6(c, &to, len, "::ffff:127.0.0.3", 1, 0));
	got_from(s);
	SHOW(send_pi6(c, &to, len, "::", 0, 0));
	SHOW(send_pi6(c, &to, len, "::1", 0, 0));
	SHOW(send_pi6(c, &to, len, "::ffff:192.0.2.1", 0, 0));
	SHOW(send_pi4(c, &to, len, "127.0.0.4", 0, 0));
	got_from(s);
	SHOW(send_ctl(c, &to, len, IPPROTO_IPV6, IPV6_HOPLIMIT, &h, sizeof(h), 0));
	got_from(s);
	return 0;
}
