/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Ancillary data on UDP recvmsg: IP_PKTINFO, IP_RECVTOS, IP_RECVTTL, IPV6_RECVPKTINFO; a short control buffer gives MSG_CTRUNC. */
#include "inet_util.h"

static void show_cmsgs(struct msghdr *m)
{
	struct cmsghdr *c;

	printf("flags %#x controllen %d\n", m->msg_flags, (int)m->msg_controllen);
	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		printf(" cmsg level %d type %d len %d:", c->cmsg_level, c->cmsg_type,
		       (int)c->cmsg_len);
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;
			char a[32], d[32];

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			printf(" ifindex %d spec_dst %s addr %s", pi.ipi_ifindex,
			       inet_ntop(AF_INET, &pi.ipi_spec_dst, a, sizeof(a)),
			       inet_ntop(AF_INET, &pi.ipi_addr, d, sizeof(d)));
		} else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;
			char a[64];

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			printf(" ifindex %d addr %s", pi.ipi6_ifindex,
			       inet_ntop(AF_INET6, &pi.ipi6_addr, a, sizeof(a)));
		} else if (c->cmsg_len == CMSG_LEN(1)) {
			printf(" byte %d", *CMSG_DATA(c));
		} else if (c->cmsg_len == CMSG_LEN(4)) {
			int v;

			memcpy(&v, CMSG_DATA(c), 4);
			printf(" int %d", v);
		}
		printf("\n");
	}
}

static void one(int family, int *opts, int nopts, size_t room)
{
	int s = lo_server(family, SOCK_DGRAM), c = lo_connect(family, SOCK_DGRAM, s), one = 1;
	int level = family == AF_INET6 ? IPPROTO_IPV6 : IPPROTO_IP;
	char buf[8], ctl[256];
	struct iovec iov = {buf, sizeof(buf)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl};

	for (int i = 0; i < nopts; i++)
		setsockopt(s, level, opts[i], &one, sizeof(one));
	m.msg_controllen = room;
	SHOW(send(c, "hi", 2, 0));
	SHOW(recvmsg(s, &m, 0));
	show_cmsgs(&m);
	close(c);
	close(s);
}

int main(void)
{
	int v4[] = {IP_PKTINFO, IP_RECVTOS, IP_RECVTTL}, v6[] = {IPV6_RECVPKTINFO};

	one(AF_INET, v4, 1, 256);
	one(AF_INET, v4, 3, 256);
	one(AF_INET, v4, 3, CMSG_SPACE(sizeof(struct in_pktinfo)));
	one(AF_INET, v4, 0, 256);
	one(AF_INET6, v6, 1, 256);
	return 0;
}
