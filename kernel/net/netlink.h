/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_NETLINK internals: the per-protocol table netlink.c dispatches
 * requests to the kernel (destination port 0) through.  A protocol is
 * one const struct netlink_proto listed in netlink.c's table; socket()
 * accepts exactly the protocols listed (EPROTONOSUPPORT for the rest).
 * rtnetlink (NETLINK_ROUTE) is netlink_route.c.
 */
#pragma once

#include <linux/netlink.h>
#include <kernel/netlink.h>

struct netlink_proto {
	const char *name;
	unsigned ngroups; /* multicast groups 1..ngroups (at most 64) */
	/* One request message from `from` (NLM_F_REQUEST set, type at
	 * least NLMSG_MIN_TYPE, nlmsg_len checked against what was sent):
	 * 0, or -errno for the error ack netlink.c then sends.  Replies go
	 * to `from` with netlink_unicast_kernel(). */
	int (*rcv_msg)(struct netlink_sock *from, const struct nlmsghdr *h);
};

extern const struct netlink_proto rtnetlink_proto;

/* The sender's capability to change state (CAP_NET_ADMIN). */
bool netlink_net_admin(void);
