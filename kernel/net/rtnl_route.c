/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * rtnetlink's IPv4 routes, as lwIP routes: RTM_GETROUTE dumps the
 * routing table Linux would hold for the stack's addresses (main: the
 * default route via the default interface's gateway, a connected route
 * per interface subnet; local: each address, lo's 127.0.0.0/8 and each
 * broadcast address), and answers the single-route lookup (`ip route
 * get`) from the stack's own routing (inet_ops.route_get).  RTM_NEWROUTE
 * and RTM_DELROUTE change the default route only (lwIP keeps one); a
 * subnet route the stack already has is EEXIST, any other EOPNOTSUPP.
 * IPv6: the dump lists what Linux derives from the addresses (each /64
 * prefix, each local address, ff00::/8), not the router's default route
 * (lwIP keeps it in its neighbour discovery); `ip -6 route get` is
 * answered; IPv6 routes cannot be added or deleted.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <kernel/cred.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/vfs.h>
#include "ifconf.h"
#include "netlink.h"
#include "rtnl.h"

#define AF_INET_  2
#define AF_INET6_ 10

struct rt4 {
	int type, scope, protocol, table;
	unsigned dst_len;
	uint32_t dst, prefsrc, gw;
	int oif;
};

static void fill(struct nlbuf *b, int type, int flags, uint32_t seq, uint32_t portid,
		 const struct rt4 *r)
{
	struct rtmsg *m = nlb_msg(b, type, flags, seq, portid, sizeof(*m));

	if (!m)
		return;
	m->rtm_family = AF_INET_;
	m->rtm_dst_len = (unsigned char)r->dst_len;
	m->rtm_table = (unsigned char)r->table;
	m->rtm_protocol = (unsigned char)r->protocol;
	m->rtm_scope = (unsigned char)r->scope;
	m->rtm_type = (unsigned char)r->type;
	nlb_u32(b, RTA_TABLE, (uint32_t)r->table);
	if (r->dst_len)
		nlb_attr(b, RTA_DST, &r->dst, 4);
	if (r->prefsrc)
		nlb_attr(b, RTA_PREFSRC, &r->prefsrc, 4);
	if (r->gw)
		nlb_attr(b, RTA_GATEWAY, &r->gw, 4);
	nlb_u32(b, RTA_OIF, (uint32_t)r->oif);
	nlb_end(b);
}

struct rt6 {
	int type, table, priority;
	unsigned dst_len;
	const uint8_t *dst, *prefsrc;
	int oif;
};

static void fill6(struct nlbuf *b, int type, int flags, uint32_t seq, uint32_t portid,
		  const struct rt6 *r)
{
	struct rtmsg *m = nlb_msg(b, type, flags, seq, portid, sizeof(*m));

	if (!m)
		return;
	m->rtm_family = AF_INET6_;
	m->rtm_dst_len = (unsigned char)r->dst_len;
	m->rtm_table = (unsigned char)r->table;
	m->rtm_protocol = RTPROT_KERNEL;
	m->rtm_scope = RT_SCOPE_UNIVERSE;
	m->rtm_type = (unsigned char)r->type;
	nlb_u32(b, RTA_TABLE, (uint32_t)r->table);
	nlb_attr(b, RTA_DST, r->dst, 16);
	if (r->prefsrc)
		nlb_attr(b, RTA_PREFSRC, r->prefsrc, 16);
	nlb_u32(b, RTA_PRIORITY, (uint32_t)r->priority);
	nlb_u32(b, RTA_OIF, (uint32_t)r->oif);
	nlb_u8(b, RTA_PREF, 0); /* medium */
	nlb_end(b);
}

struct dump {
	struct nlbuf *b;
	uint32_t seq, portid;
	bool local; /* the local table's pass */
};

/* IPv6, as Linux's fib6: main has each interface's /64 prefixes (metric
 * 256), local each address (metric 0) and ff00::/8 where multicast. */
static int dump6_one(struct net_device *dev, void *arg)
{
	static const uint8_t mcast[16] = {0xff};
	struct dump *d = arg;
	struct ifview v;
	struct rt6 r = {.oif = dev->ifindex};

	ifview_get(dev, &v);
	if (!v.inet || !(v.flags & IFF_UP))
		return 0;
	for (unsigned i = 0; i < v.in.naddr6; i++) {
		const struct inet_ifaddr6 *a = &v.in.addr6[i];
		uint8_t prefix[16] = {0};
		bool dup = false;

		if (d->local) {
			r = (struct rt6){RTN_LOCAL, RT_TABLE_LOCAL, 0,		 128,
					 a->addr,   NULL,	    dev->ifindex};
			fill6(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
			continue;
		}
		if (a->prefixlen >= 128)
			continue;
		memcpy(prefix, a->addr, 8);
		for (unsigned j = 0; j < i; j++)
			dup |= v.in.addr6[j].prefixlen < 128 &&
			       !memcmp(v.in.addr6[j].addr, prefix, 8);
		if (dup)
			continue;
		r = (struct rt6){RTN_UNICAST, RT_TABLE_MAIN, 256, 64, prefix, NULL, dev->ifindex};
		fill6(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
	}
	if (d->local && (v.flags & IFF_MULTICAST)) {
		r = (struct rt6){RTN_MULTICAST, RT_TABLE_LOCAL, 256, 8, mcast, NULL, dev->ifindex};
		fill6(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
	}
	return 0;
}

static int dump_one(struct net_device *dev, void *arg)
{
	struct dump *d = arg;
	bool lo = dev->type == ARPHRD_LOOPBACK;
	struct ifview v;
	struct rt4 r = {.oif = dev->ifindex};

	ifview_get(dev, &v);
	if (!v.inet || !v.in.addr || !(v.flags & IFF_UP))
		return 0;
	r.dst_len = (unsigned)ifconf_mask_len(v.in.netmask);
	r.dst = v.in.addr & v.in.netmask;
	r.protocol = RTPROT_KERNEL;
	if (!d->local) {
		if (lo)
			return 0;
		r = (struct rt4){RTN_UNICAST, RT_SCOPE_LINK, RTPROT_KERNEL, RT_TABLE_MAIN,
				 r.dst_len,   r.dst,	     v.in.addr,	    0,
				 dev->ifindex};
		fill(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
		return 0;
	}
	r.table = RT_TABLE_LOCAL;
	r.prefsrc = v.in.addr;
	r.type = RTN_LOCAL;
	r.scope = RT_SCOPE_HOST;
	if (lo)
		fill(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
	r.dst_len = 32;
	r.dst = v.in.addr;
	fill(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
	if (v.brd || lo) {
		r.type = RTN_BROADCAST;
		r.scope = RT_SCOPE_LINK;
		r.dst = v.brd ? v.brd : v.in.addr | ~v.in.netmask;
		fill(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
	}
	return 0;
}

static int default_one(struct net_device *dev, void *arg)
{
	struct dump *d = arg;
	struct ifview v;
	struct rt4 r = {RTN_UNICAST, RT_SCOPE_UNIVERSE, RTPROT_BOOT, RT_TABLE_MAIN, 0, 0, 0,
			0,	     dev->ifindex};

	ifview_get(dev, &v);
	if (!v.inet || !v.in.is_default || !(v.flags & IFF_UP))
		return 0;
	r.gw = v.in.gw;
	fill(d->b, RTM_NEWROUTE, NLM_F_MULTI, d->seq, d->portid, &r);
	return 1;
}

static int route_get(struct netlink_sock *from, const struct nlmsghdr *h, struct nlbuf *b)
{
	const struct rtmsg *m = NLMSG_DATA(h);
	const struct nlattr *a = nlb_find(h, sizeof(*m), RTA_DST);
	struct vfs_sb *sb = inet_instance();
	struct inet_addr dst = {.family = INET_AF4};
	struct inet_route out;
	struct net_device *dev;
	struct rt4 r = {.type = RTN_UNICAST, .table = RT_TABLE_MAIN, .dst_len = 32};
	struct rtmsg *rm;
	int err;

	if (m->rtm_family != AF_INET_ && m->rtm_family != AF_INET6_)
		return -EOPNOTSUPP;
	if (m->rtm_family == AF_INET6_)
		dst.family = INET_AF6;
	if (a && a->nla_len >= NLA_HDRLEN + (dst.family == INET_AF6 ? 16 : 4))
		memcpy(dst.addr, (const uint8_t *)a + NLA_HDRLEN, dst.family == INET_AF6 ? 16 : 4);
	if (IS_ERR(sb))
		return -ENETUNREACH;
	err = inet_route_get(sb, &dst, &out);
	if (err)
		return err;
	dev = netdev_by_name(out.ifname);
	if (!dev)
		return -ENETUNREACH;
	if (dst.family == INET_AF6) {
		bool local = !memcmp(dst.addr, out.src.addr, 16) || dev->type == ARPHRD_LOOPBACK;
		struct rt6 r6 = {local ? RTN_LOCAL : RTN_UNICAST,
				 local ? RT_TABLE_LOCAL : RT_TABLE_MAIN,
				 local ? 0 : 256,
				 128,
				 dst.addr,
				 out.src.addr,
				 local ? 1 : dev->ifindex};

		/* Linux answers with the fib6 entry itself: not cloned, no uid */
		fill6(b, RTM_NEWROUTE, 0, h->nlmsg_seq, rtnl_portid(from), &r6);
		return 0;
	}
	memcpy(&r.dst, dst.addr, 4);
	memcpy(&r.prefsrc, out.src.addr, 4);
	if (out.gw.family)
		memcpy(&r.gw, out.gw.addr, 4);
	if (r.dst == r.prefsrc || dev->type == ARPHRD_LOOPBACK) {
		r.type = RTN_LOCAL; /* in the main table's answer, as Linux's */
		dev = netdev_by_index(1);
	}
	r.oif = dev ? dev->ifindex : 1;
	fill(b, RTM_NEWROUTE, 0, h->nlmsg_seq, rtnl_portid(from), &r);
	nlb_u32(b, RTA_UID, current_cred()->uid); /* the asker's, as Linux's answer */
	nlb_end(b);
	rm = (void *)(b->data + b->msg + NLMSG_HDRLEN);
	if (!b->full)
		rm->rtm_flags = RTM_F_CLONED;
	return 0;
}

int rtnl_getroute(struct netlink_sock *from, const struct nlmsghdr *h)
{
	const struct rtmsg *m = NLMSG_DATA(h);
	struct dump d = {.seq = h->nlmsg_seq, .portid = rtnl_portid(from)};
	struct nlbuf b;
	int r = nlb_init(&b);

	if (r)
		return r;
	d.b = &b;
	if (!(h->nlmsg_flags & NLM_F_DUMP)) {
		r = h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) ? -EINVAL : route_get(from, h, &b);
		if (r)
			goto out_free;
	} else {
		if (m->rtm_family == 0 || m->rtm_family == AF_INET_) {
			(void)netdev_for_each(default_one, &d);
			(void)netdev_for_each(dump_one, &d);
			d.local = true;
			(void)netdev_for_each(dump_one, &d);
		}
		if (m->rtm_family == 0 || m->rtm_family == AF_INET6_) {
			d.local = false;
			(void)netdev_for_each(dump6_one, &d);
			d.local = true;
			(void)netdev_for_each(dump6_one, &d);
		}
		nlb_done(&b, d.seq, d.portid);
	}
	r = nlb_send(&b, from, 0);
	r = r ? r : -EINTR;
out_free:
	nlb_free(&b);
	return r;
}

struct subnet {
	uint32_t dst;
	unsigned len;
};

static int has_subnet(struct net_device *dev, void *arg)
{
	struct subnet *s = arg;
	struct ifview v;

	ifview_get(dev, &v);
	return v.inet && v.in.addr && ifconf_mask_len(v.in.netmask) == (int)s->len &&
	       (v.in.addr & v.in.netmask) == s->dst;
}

int rtnl_newroute(struct netlink_sock *from, const struct nlmsghdr *h, bool del)
{
	const struct rtmsg *m = NLMSG_DATA(h);
	const struct nlattr *gw_a, *oif_a, *dst_a;
	struct net_device *dev = NULL;
	uint32_t gw = 0, oif = 0;
	struct subnet s = {0};
	int r;

	(void)from;
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return -EINVAL;
	if (m->rtm_family != AF_INET_)
		return -EOPNOTSUPP; /* IPv6 routes: not in this stack's table */
	if (m->rtm_dst_len > 32)
		return -EINVAL;
	if (m->rtm_table != RT_TABLE_UNSPEC && m->rtm_table != RT_TABLE_MAIN)
		return -EOPNOTSUPP;
	gw_a = nlb_find(h, sizeof(*m), RTA_GATEWAY);
	oif_a = nlb_find(h, sizeof(*m), RTA_OIF);
	dst_a = nlb_find(h, sizeof(*m), RTA_DST);
	if (gw_a && gw_a->nla_len >= NLA_HDRLEN + 4)
		memcpy(&gw, (const uint8_t *)gw_a + NLA_HDRLEN, 4);
	if (oif_a && oif_a->nla_len >= NLA_HDRLEN + 4) {
		memcpy(&oif, (const uint8_t *)oif_a + NLA_HDRLEN, 4);
		dev = netdev_by_index((int)oif);
		if (!dev)
			return -ENODEV;
	}
	if (m->rtm_dst_len) {
		if (dst_a && dst_a->nla_len >= NLA_HDRLEN + 4)
			memcpy(&s.dst, (const uint8_t *)dst_a + NLA_HDRLEN, 4);
		s.len = m->rtm_dst_len;
		if (netdev_for_each(has_subnet, &s))
			return del ? -EOPNOTSUPP : -EEXIST;
		return del ? -ESRCH : -EOPNOTSUPP;
	}
	if (del)
		return ifconf_default_route(dev, gw, true);
	if (!gw)
		return -EOPNOTSUPP; /* a default route out of a device without a gateway */
	r = ifconf_default_route(dev, gw, false);
	if (r == -EEXIST && (h->nlmsg_flags & NLM_F_REPLACE)) {
		r = ifconf_default_route(NULL, 0, true);
		if (!r)
			r = ifconf_default_route(dev, gw, false);
	}
	return r;
}

void rtnl_notify_route4(struct net_device *dev, uint32_t gw, bool del)
{
	struct rt4 r = {RTN_UNICAST, RT_SCOPE_UNIVERSE, RTPROT_BOOT, RT_TABLE_MAIN, 0, 0, 0,
			gw,	     dev->ifindex};
	struct nlbuf b;

	if (nlb_init(&b))
		return;
	fill(&b, del ? RTM_DELROUTE : RTM_NEWROUTE, 0, 0, 0, &r);
	(void)nlb_send(&b, NULL, RTNLGRP_IPV4_ROUTE);
	nlb_free(&b);
}
