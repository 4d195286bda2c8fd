/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A process's multicast to a group: every member gets it (the sender too), with the group in nl_groups and PKTINFO. */
/* abi: glibc */
#include "nl.h"

static void got(const char *label, int s)
{
	char buf[64], cb[64];
	struct sockaddr_nl from = {0};
	struct iovec io = {buf, sizeof(buf)};
	struct msghdr m = {.msg_name = &from,
			   .msg_namelen = sizeof(from),
			   .msg_iov = &io,
			   .msg_iovlen = 1,
			   .msg_control = cb,
			   .msg_controllen = sizeof(cb)};
	struct cmsghdr *c;
	long n = recvmsg(s, &m, MSG_DONTWAIT);

	if (n < 0)
		return (void)printf("%s: %s\n", label, abi_errname(errno));
	printf("%s: %ld bytes \"%.*s\" from %s groups %#x", label, n, (int)n, buf,
	       from.nl_pid == NL_PORT(50) ? "the sender" : "another", from.nl_groups);
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		printf(", pktinfo group %u", *(unsigned *)CMSG_DATA(c));
	printf("\n");
}

int main(void)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK, .nl_pid = NL_PORT(50), .nl_groups = 1};
	struct sockaddr_nl g = {.nl_family = AF_NETLINK, .nl_groups = 1 | 4};
	int s = nl_socket(0), m1 = nl_socket(0), m2 = nl_socket(0), other = nl_socket(0), one = 1;

	SHOW(bind(s, (void *)&a, sizeof(a)));
	a.nl_pid = NL_PORT(51);
	SHOW(bind(m1, (void *)&a, sizeof(a)));
	SHOW(setsockopt(m2, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int){1}, sizeof(int)));
	SHOW(setsockopt(other, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int){2}, sizeof(int)));
	SHOW(setsockopt(m1, SOL_NETLINK, NETLINK_PKTINFO, &one, sizeof(one)));
	/* nl_groups names the lowest group set: 1 */
	SHOW(sendto(s, "to all", 6, 0, (void *)&g, sizeof(g)));
	got("sender", s);
	got("member by bind", m1);
	got("member by option", m2);
	got("not a member", other);
	got("sender again", s);
	return 0;
}
