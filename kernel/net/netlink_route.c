/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * NETLINK_ROUTE (rtnetlink): the protocol glibc's getifaddrs and
 * if_nameindex, iproute2 and every network manager talk.  Kevlar has no
 * network devices yet (issue 14 brings them and fills this in), so every
 * request that reaches a handler answers EOPNOTSUPP, as Linux answers a
 * message type it has no handler for.  Linux's earlier checks are kept:
 * a type past RTM_MAX is EOPNOTSUPP, a message without its one-byte
 * rtgenmsg is ignored, and a request that changes state (NEW, DEL, SET
 * kinds) needs CAP_NET_ADMIN (EPERM).
 */
#include <klib/errno.h>
#include <linux/rtnetlink.h>
#include "netlink.h"

#define RTNL_KIND_GET  2
#define RTNL_KIND_MASK 3
#define RTNLGRP_COUNT  39 /* Linux 6.18's RTNLGRP_MAX: groups 1..39 */

static int rtnl_rcv_msg(struct netlink_sock *from, const struct nlmsghdr *h)
{
	int type = h->nlmsg_type;

	if (type > RTM_MAX)
		return -EOPNOTSUPP;
	type -= RTM_BASE;
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtgenmsg)))
		return 0;
	if ((type & RTNL_KIND_MASK) != RTNL_KIND_GET && !netlink_net_admin())
		return -EPERM;
	return -EOPNOTSUPP;
}

const struct netlink_proto rtnetlink_proto = {
	.name = "route",
	.ngroups = RTNLGRP_COUNT,
	.nonroot_recv = true,
	.rcv_msg = rtnl_rcv_msg,
};
