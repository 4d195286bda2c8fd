/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A raw ICMP socket sees every ICMP datagram with its IP header (the request and the kernel's reply); sends its own. */
#include "icmp_util.h"

static void show(const unsigned char *p, ssize_t n)
{
	int hl = (p[0] & 15) * 4;

	printf("len %zd vhl %#x proto %d ttl %d src %d.%d.%d.%d totlen %d icmp type %d code %d "
	       "seq %d sum-ok %d\n",
	       n, p[0], p[9], p[8], p[12], p[13], p[14], p[15], p[2] << 8 | p[3], p[hl], p[hl + 1],
	       p[hl + 6] << 8 | p[hl + 7], icmp_sum(p + hl, (size_t)(n - hl)) == 0);
}

int main(void)
{
	struct sockaddr_in to = lo4(), from;
	unsigned char req[64], buf[256];
	socklen_t fl = sizeof(from);
	int raw, ping;
	ssize_t n;

	icmp_netns();
	raw = SHOW(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	ping = SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	SHOW(sendto(ping, req, echo_req(req, 8, 5), 0, (struct sockaddr *)&to, sizeof(to)));
	for (int i = 0; i < 2; i++) {
		CHECK(readable(raw) == 1);
		n = SHOW(recvfrom(raw, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl));
		show(buf, n);
		printf("from %s port %d\n", inet_ntoa(from.sin_addr), ntohs(from.sin_port));
	}
	CHECK(readable(ping) == 1);
	SHOW(recv(ping, buf, sizeof(buf), 0));
	/* the raw socket's own request: its checksum is the sender's */
	echo_req(req, 8, 6);
	req[2] = req[3] = 0;
	{
		unsigned short s = icmp_sum(req, 19);

		req[2] = (unsigned char)(s >> 8), req[3] = (unsigned char)s;
	}
	SHOW(sendto(raw, req, 19, 0, (struct sockaddr *)&to, sizeof(to)));
	for (int i = 0; i < 2; i++) {
		CHECK(readable(raw) == 1);
		n = SHOW(recv(raw, buf, sizeof(buf), 0));
		show(buf, n);
	}
	SHOW(recv(raw, buf, 10, MSG_DONTWAIT | MSG_TRUNC));
	SHOW(close(ping));
	SHOW(close(raw));
	return 0;
}
