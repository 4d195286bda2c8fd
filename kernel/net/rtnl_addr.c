/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * rtnetlink's addresses: RTM_GETADDR dumps (AF_INET, AF_INET6, or both
 * in that order for AF_UNSPEC, as Linux's rtnl_dump_all), RTM_NEWADDR
 * and RTM_DELADDR, and the RTNLGRP_IPV4_IFADDR / IPV6_IFADDR
 * notifications.  The addresses are the stack's (ifconf.h): one IPv4
 * address per interface (a new one replaces it: lwIP keeps one; Linux
 * would add a secondary) and up to three IPv6 ones (the first the
 * fe80:: one), each shown with Linux's scope, flags and cache info.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <platform/time.h>
#include <kernel/netdev.h>
#include "ifconf.h"
#include "netlink.h"
#include "rtnl.h"

#define AF_INET_  2
#define AF_INET6_ 10

static void cacheinfo(struct nlbuf *b, uint32_t pref, uint32_t valid)
{
	/* hundredths of seconds since boot, as Linux's jiffies-based stamps */
	uint32_t now = (uint32_t)(time_ns() / 10000000u);
	struct ifa_cacheinfo ci = {pref, valid, now, now};

	nlb_attr(b, IFA_CACHEINFO, &ci, sizeof(ci));
}

static void fill4(struct nlbuf *b, struct net_device *dev, int type, int flags, uint32_t seq,
		  uint32_t portid, uint32_t addr, uint32_t mask, uint32_t brd)
{
	struct ifaddrmsg *m = nlb_msg(b, type, flags, seq, portid, sizeof(*m));
	bool host = (addr & 0xff) == 127;

	if (!m)
		return;
	m->ifa_family = AF_INET_;
	m->ifa_prefixlen = (unsigned char)(mask ? ifconf_mask_len(mask) : 0);
	m->ifa_flags = IFA_F_PERMANENT;
	m->ifa_scope = host ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
	m->ifa_index = (uint32_t)dev->ifindex;
	nlb_attr(b, IFA_ADDRESS, &addr, 4);
	nlb_attr(b, IFA_LOCAL, &addr, 4);
	if (brd)
		nlb_attr(b, IFA_BROADCAST, &brd, 4);
	nlb_str(b, IFA_LABEL, dev->name);
	nlb_u32(b, IFA_FLAGS, IFA_F_PERMANENT);
	cacheinfo(b, 0xffffffffu, 0xffffffffu);
	nlb_end(b);
}

static void fill6(struct nlbuf *b, struct net_device *dev, int type, int flags, uint32_t seq,
		  uint32_t portid, const struct inet_ifaddr6 *a)
{
	struct ifaddrmsg *m = nlb_msg(b, type, flags, seq, portid, sizeof(*m));
	uint32_t f = 0;

	if (!m)
		return;
	if (!(a->flags & INET_IFA6_AUTOCONF))
		f |= IFA_F_PERMANENT;
	if (a->flags & INET_IFA6_TENTATIVE)
		f |= IFA_F_TENTATIVE;
	if (a->flags & INET_IFA6_DEPRECATED)
		f |= IFA_F_DEPRECATED;
	m->ifa_family = AF_INET6_;
	m->ifa_prefixlen = a->prefixlen;
	m->ifa_flags = (unsigned char)f;
	if (a->prefixlen == 128 && a->addr[15] == 1 && !a->addr[0])
		m->ifa_scope = RT_SCOPE_HOST;
	else if (a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0x80)
		m->ifa_scope = RT_SCOPE_LINK;
	else if (a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0xc0)
		m->ifa_scope = RT_SCOPE_SITE; /* fec0::/10, slirp's prefix */
	else
		m->ifa_scope = RT_SCOPE_UNIVERSE;
	m->ifa_index = (uint32_t)dev->ifindex;
	nlb_attr(b, IFA_ADDRESS, a->addr, 16);
	cacheinfo(b, a->pref_s, a->valid_s);
	nlb_u32(b, IFA_FLAGS, f);
	nlb_end(b);
}

struct dump {
	struct nlbuf *b;
	uint32_t seq, portid;
	int family, index;
};

static int dump_one(struct net_device *dev, void *arg)
{
	struct dump *d = arg;
	struct ifview v;

	if (d->index && d->index != dev->ifindex)
		return 0;
	ifview_get(dev, &v);
	if (!v.inet || !(v.flags & IFF_UP))
		return 0;
	if (d->family == AF_INET_ && v.in.addr)
		fill4(d->b, dev, RTM_NEWADDR, NLM_F_MULTI, d->seq, d->portid, v.in.addr,
		      v.in.netmask, v.brd);
	for (unsigned i = 0; d->family == AF_INET6_ && i < v.in.naddr6; i++)
		fill6(d->b, dev, RTM_NEWADDR, NLM_F_MULTI, d->seq, d->portid, &v.in.addr6[i]);
	return 0;
}

int rtnl_getaddr(struct netlink_sock *from, const struct nlmsghdr *h)
{
	const struct ifaddrmsg *m = NLMSG_DATA(h);
	struct dump d = {.seq = h->nlmsg_seq, .portid = rtnl_portid(from)};
	int family = m->ifa_family;
	struct nlbuf b;
	int r;

	if (!(h->nlmsg_flags & NLM_F_DUMP))
		return -EOPNOTSUPP; /* Linux has no single-address get either */
	if (family != 0 && family != AF_INET_ && family != AF_INET6_)
		family = -1; /* a family without addresses: an empty dump */
	if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(*m)))
		d.index = (int)m->ifa_index;
	r = nlb_init(&b);
	if (r)
		return r;
	d.b = &b;
	for (int f = AF_INET_; f; f = f == AF_INET_ ? AF_INET6_ : 0) {
		if (family && family != f)
			continue;
		d.family = f;
		(void)netdev_for_each(dump_one, &d);
	}
	nlb_done(&b, d.seq, d.portid);
	r = nlb_send(&b, from, 0);
	nlb_free(&b);
	return r ? r : -EINTR;
}

int rtnl_newaddr(struct netlink_sock *from, const struct nlmsghdr *h, bool del)
{
	const struct ifaddrmsg *m = NLMSG_DATA(h);
	const struct nlattr *a;
	struct net_device *dev;
	uint8_t addr[16];
	size_t alen;

	(void)from;
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return -EINVAL;
	if (m->ifa_family != AF_INET_ && m->ifa_family != AF_INET6_)
		return -EOPNOTSUPP; /* no handler for the family, as Linux's rtnetlink */
	alen = m->ifa_family == AF_INET_ ? 4 : 16;
	if (m->ifa_prefixlen > alen * 8)
		return -EINVAL;
	/* IPv4 needs IFA_LOCAL to add (Linux's rtm_to_ifaddr); IPv6 takes either */
	a = nlb_find(h, sizeof(*m), IFA_LOCAL);
	if (!a && (del || m->ifa_family == AF_INET6_))
		a = nlb_find(h, sizeof(*m), IFA_ADDRESS);
	if (!a && !(del && m->ifa_family == AF_INET_))
		return -EINVAL;
	if (a && a->nla_len < NLA_HDRLEN + alen)
		return -EINVAL;
	memset(addr, 0, sizeof(addr));
	if (a)
		memcpy(addr, (const uint8_t *)a + NLA_HDRLEN, alen);
	dev = netdev_by_index((int)m->ifa_index);
	if (!dev)
		return -ENODEV;
	if (m->ifa_family == AF_INET6_)
		return ifconf_addr6(dev, addr, !del);
	{
		uint32_t a4, brd = IFCONF_BRD_NONE;
		const struct nlattr *ba = nlb_find(h, sizeof(*m), IFA_BROADCAST);
		struct ifview v;

		memcpy(&a4, addr, 4);
		if (del)
			return ifconf_del_addr4(dev, a4);
		ifview_get(dev, &v);
		if (v.inet && v.in.addr == a4 && (h->nlmsg_flags & NLM_F_EXCL))
			return -EEXIST;
		if (ba && ba->nla_len >= NLA_HDRLEN + 4)
			memcpy(&brd, (const uint8_t *)ba + NLA_HDRLEN, 4);
		return ifconf_set_addr4(dev, a4, ifconf_len_mask(m->ifa_prefixlen), brd);
	}
}

void rtnl_notify_addr4(struct net_device *dev, uint32_t addr, uint32_t mask, uint32_t brd, bool del)
{
	struct nlbuf b;

	if (nlb_init(&b))
		return;
	fill4(&b, dev, del ? RTM_DELADDR : RTM_NEWADDR, 0, 0, 0, addr, mask, brd);
	(void)nlb_send(&b, NULL, RTNLGRP_IPV4_IFADDR);
	nlb_free(&b);
}

void rtnl_notify_addr6(struct net_device *dev, const uint8_t addr[16], bool del)
{
	struct inet_ifaddr6 a = {.prefixlen = 64, .valid_s = ~0u, .pref_s = ~0u};
	struct nlbuf b;

	if (nlb_init(&b))
		return;
	memcpy(a.addr, addr, 16);
	fill6(&b, dev, del ? RTM_DELADDR : RTM_NEWADDR, 0, 0, 0, &a);
	(void)nlb_send(&b, NULL, RTNLGRP_IPV6_IFADDR);
	nlb_free(&b);
}
