/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A raw ICMPv6 socket: no IP header, the kernel's checksum, and ICMP6_FILTER letting only echo replies through. */
#include "icmp_util.h"
#include <netinet/icmp6.h>

int main(void)
{
	struct sockaddr_in6 to = lo6(), from;
	unsigned char req[64], buf[256];
	struct icmp6_filter f;
	socklen_t fl = sizeof(from), len = sizeof(f);
	int raw, ping;
	ssize_t n;

	icmp_netns();
	raw = SHOW(socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));
	SHOW(getsockopt(raw, IPPROTO_ICMPV6, ICMP6_FILTER, &f, &len));
	printf("len %u pass-all %d\n", len, ICMP6_FILTER_WILLPASS(128, &f));
	/* the raw socket's own echo request: the kernel sums it */
	SHOW(sendto(raw, req, echo_req(req, 128, 1), 0, (struct sockaddr *)&to, sizeof(to)));
	for (int i = 0; i < 2; i++) {
		CHECK(readable(raw) == 1);
		n = SHOW(recvfrom(raw, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl));
		printf("type %d code %d seq %d id %#x len %zd port %d\n", buf[0], buf[1],
		       buf[6] << 8 | buf[7], buf[4] << 8 | buf[5], n, ntohs(from.sin6_port));
	}
	ICMP6_FILTER_SETBLOCKALL(&f);
	ICMP6_FILTER_SETPASS(129, &f);
	SHOW(setsockopt(raw, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f)));
	ping = SHOW(socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6));
	SHOW(sendto(ping, req, echo_req(req, 128, 2), 0, (struct sockaddr *)&to, sizeof(to)));
	CHECK(readable(raw) == 1);
	n = SHOW(recv(raw, buf, sizeof(buf), 0));
	printf("type %d seq %d\n", buf[0], buf[6] << 8 | buf[7]);
	SHOW(recv(raw, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(close(ping));
	SHOW(close(raw));
	return 0;
}
