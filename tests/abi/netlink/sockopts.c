/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SOL_NETLINK options: flags, memberships, short and unknown options, NETLINK_PKTINFO's cmsg. */
/* abi: glibc */
#include "nl.h"

static void get(int s, int name, socklen_t len)
{
	int v = -1;

	printf("get %d len %u: ", name, (unsigned)len);
	if (getsockopt(s, SOL_NETLINK, name, &v, &len))
		printf("%s\n", abi_errname(errno));
	else
		printf("%d (len %u)\n", v, (unsigned)len);
}

int main(void)
{
	int s = nl_socket(0), one = 1, v;
	unsigned g[4] = {0};
	socklen_t gl = sizeof(g);
	struct sockaddr_nl a = {.nl_family = AF_NETLINK, .nl_groups = 5};
	struct nl_req r = nl_req(NL_BADTYPE, NLM_F_REQUEST, 1);
	char buf[256], cb[128];
	struct iovec io = {buf, sizeof(buf)};
	struct msghdr m = {
		.msg_iov = &io, .msg_iovlen = 1, .msg_control = cb, .msg_controllen = sizeof(cb)};
	struct cmsghdr *c;

	for (int o = NETLINK_PKTINFO; o <= NETLINK_GET_STRICT_CHK; o++)
		if (o != NETLINK_LISTEN_ALL_NSID && o != NETLINK_LIST_MEMBERSHIPS)
			get(s, o, sizeof(int));
	get(s, NETLINK_PKTINFO, 2);
	get(s, 99, sizeof(int));
	SHOW(getsockopt(s, 0 /* SOL_IP */, 1, &v, &(socklen_t){sizeof(v)}));
	SHOW(setsockopt(s, SOL_NETLINK, 99, &one, sizeof(one)));
	SHOW(setsockopt(s, 0 /* SOL_IP */, 1, &one, sizeof(one)));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)));
	get(s, NETLINK_CAP_ACK, sizeof(int));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_CAP_ACK, &one, 2)); /* short: 0 */
	get(s, NETLINK_CAP_ACK, sizeof(int));
	/* memberships: bind's first 32, and setsockopt's */
	SHOW(bind(s, (void *)&a, sizeof(a)));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int){0}, sizeof(int)));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int){1000}, sizeof(int)));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int){33}, sizeof(int)));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int){2}, sizeof(int)));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, &(int){1}, sizeof(int)));
	SHOW(getsockopt(s, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, g, &gl));
	printf("memberships: len %u %#x %#x\n", (unsigned)gl, g[0], g[1]);
	gl = 2;
	SHOW(getsockopt(s, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, g, &gl));
	printf("len %u\n", (unsigned)gl);
	SHOW(getsockname(s, (void *)&a, &(socklen_t){sizeof(a)}));
	printf("nl_groups %#x\n", a.nl_groups);
	/* NETLINK_PKTINFO: a cmsg with the group (0 for unicast) */
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_PKTINFO, &one, sizeof(one)));
	SHOW(send(s, &r, sizeof(r), 0));
	SHOW(recvmsg(s, &m, 0));
	printf("controllen %u flags %#x\n", (unsigned)m.msg_controllen, m.msg_flags);
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		printf("cmsg level %d type %d len %u group %u\n", c->cmsg_level, c->cmsg_type,
		       (unsigned)c->cmsg_len, *(unsigned *)CMSG_DATA(c));
	return 0;
}
