/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A ping socket's identifier is its port: bind picks or takes it, it is unique, replies carry it; connect and send. */
#include "icmp_util.h"

int main(void)
{
	struct sockaddr_in a = lo4(), to = lo4();
	unsigned char req[64], rep[256];
	int fd, fd2, fd3;

	icmp_netns();
	fd = SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	a.sin_port = htons(4242);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	printf("port %d\n", sock_port(fd));
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	fd2 = SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	a.sin_port = 0;
	SHOW(bind(fd2, (struct sockaddr *)&a, sizeof(a)));
	CHECK(sock_port(fd2) > 0 && sock_port(fd2) != 4242);
	/* an IPv6 ping socket has identifiers of its own */
	fd3 = SHOW(socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6));
	{
		struct sockaddr_in6 b = lo6();

		b.sin6_port = htons(4242);
		SHOW(bind(fd3, (struct sockaddr *)&b, sizeof(b)));
	}
	SHOW(connect(fd, (struct sockaddr *)&to, sizeof(to)));
	SHOW(send(fd, req, echo_req(req, 8, 1), 0));
	CHECK(readable(fd) == 1);
	SHOW(recv(fd, rep, sizeof(rep), 0));
	printf("reply type %d id %d seq %d\n", rep[0], rep[4] << 8 | rep[5], rep[6] << 8 | rep[7]);
	/* the other socket saw nothing */
	SHOW(recv(fd2, rep, sizeof(rep), MSG_DONTWAIT));
	/* only an echo request with code 0, at least a header */
	SHOW(send(fd, req, echo_req(req, 13, 2), 0));
	req[0] = 8, req[1] = 1;
	SHOW(send(fd, req, 19, 0));
	SHOW(send(fd, req, 4, 0));
	SHOW(send(fd2, req, 19, MSG_OOB));
	SHOW(send(fd2, req, echo_req(req, 8, 3), 0));
	SHOW(close(fd3));
	SHOW(close(fd2));
	SHOW(close(fd));
	return 0;
}
