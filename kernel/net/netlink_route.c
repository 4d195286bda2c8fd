/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * NETLINK_ROUTE (rtnetlink): the protocol glibc's getifaddrs and
 * if_nameindex, iproute2 and every network manager talk.  Links
 * (rtnl_link.c), addresses (rtnl_addr.c) and IPv4 routes (rtnl_route.c)
 * over the interface configuration of ifconf.h; every other message type
 * answers EOPNOTSUPP, as Linux answers a type it has no handler for.
 * Linux's earlier checks are kept: a type past RTM_MAX is EOPNOTSUPP, a
 * message without its one-byte rtgenmsg is ignored, and a request that
 * changes state (NEW, DEL, SET kinds) needs CAP_NET_ADMIN (EPERM).
 */
#include <klib/errno.h>
#include <linux/rtnetlink.h>
#include "netlink.h"
#include "rtnl.h"

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
	switch (h->nlmsg_type) {
	case RTM_GETLINK:
		return rtnl_getlink(from, h);
	case RTM_NEWLINK:
	case RTM_SETLINK:
		return rtnl_setlink(from, h);
	case RTM_GETADDR:
		return rtnl_getaddr(from, h);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return rtnl_newaddr(from, h, h->nlmsg_type == RTM_DELADDR);
	case RTM_GETROUTE:
		return rtnl_getroute(from, h);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return rtnl_newroute(from, h, h->nlmsg_type == RTM_DELROUTE);
	}
	return -EOPNOTSUPP;
}

const struct netlink_proto rtnetlink_proto = {
	.name = "route",
	.ngroups = RTNLGRP_COUNT,
	.nonroot_recv = true,
	.rcv_msg = rtnl_rcv_msg,
};
