/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Helpers of the sendmsg IP_PKTINFO/IPV6_PKTINFO tests: one datagram with a pktinfo cmsg, and who it came from. */
#pragma once
#include "inet_util.h"

/* sendmsg of "x" to `to` (NULL: the connected peer) with one control
 * message of `level`/`type` carrying `len` bytes of `data`, its cmsg_len
 * `clen` (0: CMSG_LEN(len)). */
static inline long send_ctl(int fd, const struct sockaddr_storage *to, socklen_t tlen, int level,
			    int type, const void *data, size_t len, size_t clen)
{
	char ctl[CMSG_SPACE(sizeof(struct in6_pktinfo)) + 16] = {0};
	struct iovec iov = {"x", 1};
	struct msghdr m = {.msg_name = (void *)to,
			   .msg_namelen = to ? tlen : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = ctl,
			   .msg_controllen = CMSG_SPACE(len)};
	struct cmsghdr *c = (struct cmsghdr *)ctl;

	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = clen ? clen : CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return sendmsg(fd, &m, MSG_NOSIGNAL);
}

/* IP_PKTINFO with ipi_spec_dst `spec` (ipi_addr is set too: a send ignores it). */
static inline long send_pi4(int fd, const struct sockaddr_storage *to, socklen_t tlen,
			    const char *spec, int ifindex, size_t clen)
{
	struct in_pktinfo pi = {.ipi_ifindex = ifindex};

	inet_pton(AF_INET, spec, &pi.ipi_spec_dst);
	inet_pton(AF_INET, "10.9.9.9", &pi.ipi_addr);
	return send_ctl(fd, to, tlen, IPPROTO_IP, IP_PKTINFO, &pi, sizeof(pi), clen);
}

static inline long send_pi6(int fd, const struct sockaddr_storage *to, socklen_t tlen,
			    const char *addr, int ifindex, size_t clen)
{
	struct in6_pktinfo pi = {.ipi6_ifindex = ifindex};

	inet_pton(AF_INET6, addr, &pi.ipi6_addr);
	return send_ctl(fd, to, tlen, IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof(pi), clen);
}

/* The next datagram on `fd` (not waiting): its length and sender's address. */
static inline void got_from(int fd)
{
	struct sockaddr_storage f;
	socklen_t flen = sizeof(f);
	char buf[8], a[64] = "?";
	long r = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&f, &flen);

	if (r < 0) {
		printf("  nothing: %s\n", abi_errname(errno));
		return;
	}
	if (f.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&f)->sin_addr, a, sizeof(a));
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&f)->sin6_addr, a, sizeof(a));
	printf("  got %ld from %s\n", r, a);
}
