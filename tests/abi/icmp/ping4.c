/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A ping socket's echo to 127.0.0.1: identifier and checksum are the kernel's, the reply with IP_TTL and SO_TIMESTAMP. */
#include "icmp_util.h"

int main(void)
{
	unsigned char req[64], rep[256], ctl[256];
	struct sockaddr_in to = lo4(), from;
	struct iovec iov = {rep, sizeof(rep)};
	struct msghdr mh = {.msg_name = &from,
			    .msg_namelen = sizeof(from),
			    .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl,
			    .msg_controllen = sizeof(ctl)};
	int fd, one = 1, ident, ttl = -1, stamp = 0;
	struct timeval now;
	ssize_t n;

	icmp_netns();
	fd = SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
	CHECK(sock_port(fd) == 0);
	SHOW(setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one)));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one)));
	SHOW(sendto(fd, req, echo_req(req, 8, 7), 0, (struct sockaddr *)&to, sizeof(to)));
	ident = sock_port(fd);
	CHECK(ident > 0);
	CHECK(readable(fd) == 1);
	n = SHOW(recvmsg(fd, &mh, 0));
	gettimeofday(&now, NULL);
	printf("type %d code %d seq %d from %s port %d namelen %d\n", rep[0], rep[1],
	       rep[6] << 8 | rep[7], inet_ntoa(from.sin_addr), ntohs(from.sin_port),
	       mh.msg_namelen);
	CHECK((rep[4] << 8 | rep[5]) == ident);
	CHECK(icmp_sum(rep, (size_t)n) == 0);
	CHECK(n == 19 && !memcmp(rep + 8, "kevlar-ping", 11));
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
			memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMP) {
			struct timeval tv;

			memcpy(&tv, CMSG_DATA(c), sizeof(tv));
			stamp = tv.tv_sec <= now.tv_sec && tv.tv_sec + 5 >= now.tv_sec;
		}
	}
	printf("ttl %d\n", ttl);
	FACT("timestamp within 5 s", stamp);
	/* nothing else queued */
	SHOW(recv(fd, rep, sizeof(rep), MSG_DONTWAIT));
	SHOW(recv(fd, rep, sizeof(rep), MSG_ERRQUEUE | MSG_DONTWAIT));
	SHOW(close(fd));
	return 0;
}
