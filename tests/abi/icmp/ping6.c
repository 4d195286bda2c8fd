/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A ping socket's echo to ::1: the kernel's identifier and checksum, IPV6_HOPLIMIT and SO_TIMESTAMPNS on the reply. */
#include "icmp_util.h"

int main(void)
{
	unsigned char req[64], rep[256], ctl[256];
	struct sockaddr_in6 to = lo6(), from;
	struct iovec iov = {rep, sizeof(rep)};
	struct msghdr mh = {.msg_name = &from,
			    .msg_namelen = sizeof(from),
			    .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl,
			    .msg_controllen = sizeof(ctl)};
	int fd, one = 1, ident, hops = -1, stamp = 0;
	char txt[64];
	struct timespec now;
	ssize_t n;

	icmp_netns();
	fd = SHOW(socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6));
	CHECK(sock_port(fd) == 0);
	SHOW(setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof(one)));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)));
	/* a sockaddr_in6 shorter than the whole is refused by ping's sendto */
	SHOW(sendto(fd, req, echo_req(req, 128, 9), 0, (struct sockaddr *)&to, 24));
	SHOW(sendto(fd, req, echo_req(req, 128, 9), 0, (struct sockaddr *)&to, sizeof(to)));
	ident = sock_port(fd);
	CHECK(ident > 0);
	CHECK(readable(fd) == 1);
	n = SHOW(recvmsg(fd, &mh, 0));
	clock_gettime(CLOCK_REALTIME, &now);
	inet_ntop(AF_INET6, &from.sin6_addr, txt, sizeof(txt));
	printf("type %d code %d seq %d from %s port %d namelen %d\n", rep[0], rep[1],
	       rep[6] << 8 | rep[7], txt, ntohs(from.sin6_port), mh.msg_namelen);
	CHECK((rep[4] << 8 | rep[5]) == ident);
	CHECK(n == 19 && !memcmp(rep + 8, "kevlar-ping", 11));
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)
			memcpy(&hops, CMSG_DATA(c), sizeof(hops));
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPNS) {
			struct timespec ts;

			memcpy(&ts, CMSG_DATA(c), sizeof(ts));
			stamp = ts.tv_sec <= now.tv_sec && ts.tv_sec + 5 >= now.tv_sec;
		}
	}
	printf("hoplimit %d\n", hops);
	FACT("timestamp within 5 s", stamp);
	SHOW(recv(fd, rep, sizeof(rep), MSG_DONTWAIT));
	SHOW(close(fd));
	return 0;
}
