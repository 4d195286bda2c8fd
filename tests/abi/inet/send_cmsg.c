/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendmsg's control messages on UDP: IP_TTL/IP_TOS and IPV6_HOPLIMIT/IPV6_TCLASS for one datagram (the receiver sees them), bad values EINVAL. */
#include "inet_util.h"

static long send_with(int fd, int level, int type, int v, int len)
{
	char ctl[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {"x", 1};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl};
	struct cmsghdr *c = (struct cmsghdr *)ctl;

	m.msg_controllen = CMSG_SPACE(len);
	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), &v, len);
	return sendmsg(fd, &m, 0);
}

static void got(int fd)
{
	char buf[8], ctl[256];
	struct iovec iov = {buf, sizeof(buf)};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = ctl,
			   .msg_controllen = sizeof(ctl)};
	struct cmsghdr *c;

	SHOW(recvmsg(fd, &m, 0));
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		int v = 0;

		memcpy(&v, CMSG_DATA(c), c->cmsg_len == CMSG_LEN(1) ? 1 : 4);
		printf(" level %d type %d value %d\n", c->cmsg_level, c->cmsg_type, v);
	}
}

int main(void)
{
	int s4 = lo_server(AF_INET, SOCK_DGRAM), c4 = lo_connect(AF_INET, SOCK_DGRAM, s4);
	int s6 = lo_server(AF_INET6, SOCK_DGRAM), c6 = lo_connect(AF_INET6, SOCK_DGRAM, s6),
	    one = 1;

	setsockopt(s4, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one));
	setsockopt(s4, IPPROTO_IP, IP_RECVTOS, &one, sizeof(one));
	setsockopt(s6, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof(one));
	setsockopt(s6, IPPROTO_IPV6, IPV6_RECVTCLASS, &one, sizeof(one));
	SHOW(send_with(c4, IPPROTO_IP, IP_TTL, 7, 4));
	got(s4);
	SHOW(send_with(c4, IPPROTO_IP, IP_TOS, 0x20, 1));
	got(s4);
	SHOW(send(c4, "y", 1, 0));
	got(s4);
	SHOW(send_with(c4, IPPROTO_IP, IP_TTL, 0, 4));
	SHOW(send_with(c4, IPPROTO_IP, IP_TTL, 7, 1));
	SHOW(send_with(c6, IPPROTO_IPV6, IPV6_HOPLIMIT, 2, 4));
	got(s6);
	SHOW(send_with(c6, IPPROTO_IPV6, IPV6_TCLASS, 0x28, 4));
	got(s6);
	SHOW(send(c6, "y", 1, 0));
	got(s6);
	SHOW(send_with(c6, IPPROTO_IPV6, IPV6_HOPLIMIT, 256, 4));
	SHOW(send_with(c6, IPPROTO_IPV6, IPV6_TCLASS, -2, 4));
	return 0;
}
