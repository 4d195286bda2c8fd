/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * rtnetlink's message builder (rtnl.h): messages and attributes appended
 * to one buffer, sent as one kernel message to a socket or a group.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <kernel/netlink.h>
#include "netlink.h"
#include "rtnl.h"

int nlb_init(struct nlbuf *b)
{
	memset(b, 0, sizeof(*b));
	b->data = kmalloc(NLBUF_CAP);
	if (!b->data)
		return -ENOMEM;
	b->cap = NLBUF_CAP;
	return 0;
}

void nlb_free(struct nlbuf *b)
{
	kfree(b->data);
	b->data = NULL;
}

static void *room(struct nlbuf *b, size_t len)
{
	size_t a = NLMSG_ALIGN(len);
	void *p;

	if (b->full || b->cap - b->len < a) {
		b->full = true;
		return NULL;
	}
	p = b->data + b->len;
	memset(p, 0, a);
	b->len += a;
	return p;
}

void *nlb_msg(struct nlbuf *b, int type, int flags, uint32_t seq, uint32_t portid, size_t hdrlen)
{
	struct nlmsghdr *h;

	b->msg = b->len;
	h = room(b, NLMSG_HDRLEN + hdrlen);
	if (!h)
		return NULL;
	h->nlmsg_type = (uint16_t)type;
	h->nlmsg_flags = (uint16_t)flags;
	h->nlmsg_seq = seq;
	h->nlmsg_pid = portid;
	h->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + hdrlen);
	return (uint8_t *)h + NLMSG_HDRLEN;
}

void nlb_attr(struct nlbuf *b, int type, const void *data, size_t len)
{
	struct nlattr *a = room(b, NLA_HDRLEN + len);

	if (!a)
		return;
	a->nla_type = (uint16_t)type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
}

void nlb_u32(struct nlbuf *b, int type, uint32_t v)
{
	nlb_attr(b, type, &v, sizeof(v));
}

void nlb_u8(struct nlbuf *b, int type, uint8_t v)
{
	nlb_attr(b, type, &v, sizeof(v));
}

void nlb_str(struct nlbuf *b, int type, const char *s)
{
	nlb_attr(b, type, s, strlen(s) + 1);
}

void nlb_end(struct nlbuf *b)
{
	struct nlmsghdr *h = (void *)(b->data + b->msg);

	if (!b->full)
		h->nlmsg_len = (uint32_t)(b->len - b->msg);
}

void nlb_done(struct nlbuf *b, uint32_t seq, uint32_t portid)
{
	int32_t *e = nlb_msg(b, NLMSG_DONE, NLM_F_MULTI, seq, portid, sizeof(int32_t));

	if (e)
		*e = 0;
	nlb_end(b);
}

int nlb_send(struct nlbuf *b, struct netlink_sock *to, uint32_t group)
{
	struct nl_skb *skb;

	if (b->full)
		return -EMSGSIZE;
	skb = nl_skb_alloc(b->len);
	if (!skb)
		return -ENOBUFS;
	skb->len = b->len;
	memcpy(skb->data, b->data, b->len);
	if (!to) {
		netlink_broadcast_kernel(0 /* NETLINK_ROUTE */, group, skb);
		return 0;
	}
	return netlink_unicast_kernel(to, skb);
}

const struct nlattr *nlb_find(const struct nlmsghdr *h, size_t hdrlen, int type)
{
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen);

	while (off + NLA_HDRLEN <= h->nlmsg_len) {
		const struct nlattr *a = (const void *)((const uint8_t *)h + off);

		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > h->nlmsg_len)
			return NULL;
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		off += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

uint32_t rtnl_portid(const struct netlink_sock *nl)
{
	return nl->portid;
}
