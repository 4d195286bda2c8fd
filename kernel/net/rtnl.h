/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * rtnetlink's handlers (netlink_route.c dispatches to them) and the
 * message builder they share (rtnl_msg.c): a reply is built in one
 * buffer (a dump's messages and its NLMSG_DONE together, as Linux fills
 * one skb) and sent as one kernel message.  Handlers return 0 (the ack
 * netlink_msg.c sends when NLM_F_ACK asks), -errno, or -EINTR when they
 * sent the whole answer themselves (a dump: no ack).
 */
#pragma once

#include <klib/types.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

struct netlink_sock;
struct net_device;

struct nlbuf {
	uint8_t *data;
	size_t len, cap;
	size_t msg; /* offset of the message being built */
	bool full;  /* something did not fit */
};

#define NLBUF_CAP (32u << 10)

/* A buffer of NLBUF_CAP bytes: 0 or -ENOMEM. */
int nlb_init(struct nlbuf *b);
void nlb_free(struct nlbuf *b);
/* Start a message with `hdrlen` zeroed bytes of family header: a pointer to them. */
void *nlb_msg(struct nlbuf *b, int type, int flags, uint32_t seq, uint32_t portid, size_t hdrlen);
void nlb_attr(struct nlbuf *b, int type, const void *data, size_t len);
void nlb_u32(struct nlbuf *b, int type, uint32_t v);
void nlb_u8(struct nlbuf *b, int type, uint8_t v);
void nlb_str(struct nlbuf *b, int type, const char *s);
/* End the current message (sets its length). */
void nlb_end(struct nlbuf *b);
/* A dump's NLMSG_DONE. */
void nlb_done(struct nlbuf *b, uint32_t seq, uint32_t portid);
/* Send the buffer to `to` (0, -ENOBUFS) or to group `group` (to NULL). */
int nlb_send(struct nlbuf *b, struct netlink_sock *to, uint32_t group);

/* The request's attribute `type` (after a family header of hdrlen bytes): NULL if none. */
const struct nlattr *nlb_find(const struct nlmsghdr *h, size_t hdrlen, int type);

/* The sender's portid (for replies). */
uint32_t rtnl_portid(const struct netlink_sock *nl);

/* rtnl_link.c */
int rtnl_getlink(struct netlink_sock *from, const struct nlmsghdr *h);
int rtnl_setlink(struct netlink_sock *from, const struct nlmsghdr *h);
void rtnl_fill_link(struct nlbuf *b, struct net_device *dev, int type, int flags, uint32_t seq,
		    uint32_t portid);
/* rtnl_addr.c */
int rtnl_getaddr(struct netlink_sock *from, const struct nlmsghdr *h);
int rtnl_newaddr(struct netlink_sock *from, const struct nlmsghdr *h, bool del);
/* rtnl_route.c */
int rtnl_getroute(struct netlink_sock *from, const struct nlmsghdr *h);
int rtnl_newroute(struct netlink_sock *from, const struct nlmsghdr *h, bool del);
