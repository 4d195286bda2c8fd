/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * rtnetlink's links: RTM_GETLINK (a dump, or one device by ifi_index or
 * IFLA_IFNAME), RTM_NEWLINK/RTM_SETLINK on an existing device (IFF_UP
 * through ifi_change, IFLA_MTU, IFLA_TXQLEN; creating a device, a rename
 * or another attribute is EOPNOTSUPP), and the RTNLGRP_LINK
 * notifications.  A message carries what iproute2 and glibc read:
 * IFLA_IFNAME, TXQLEN, OPERSTATE, LINKMODE, MTU, MIN/MAX_MTU, GROUP,
 * CARRIER, QDISC, ADDRESS, BROADCAST, STATS64 and STATS from the
 * netdev counters.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <kernel/netdev.h>
#include "ifconf.h"
#include "netlink.h"
#include "rtnl.h"

static void fill_stats(struct nlbuf *b, struct net_device *dev)
{
	struct rtnl_link_stats64 s64 = {0};
	struct rtnl_link_stats s32 = {0};
	struct net_stats st;

	netdev_get_stats(dev, &st);
	s64.rx_packets = st.rx_packets;
	s64.tx_packets = st.tx_packets;
	s64.rx_bytes = st.rx_bytes;
	s64.tx_bytes = st.tx_bytes;
	s64.rx_errors = st.rx_errors;
	s64.tx_errors = st.tx_errors;
	s64.rx_dropped = st.rx_dropped;
	s64.tx_dropped = st.tx_dropped;
	s64.multicast = st.multicast;
	s64.collisions = st.collisions;
	s64.rx_length_errors = st.rx_length_errors;
	s64.rx_frame_errors = st.rx_frame_errors;
	s64.rx_fifo_errors = st.rx_fifo_errors;
	s64.tx_carrier_errors = st.tx_carrier_errors;
	s64.tx_fifo_errors = st.tx_fifo_errors;
	s32.rx_packets = (uint32_t)s64.rx_packets;
	s32.tx_packets = (uint32_t)s64.tx_packets;
	s32.rx_bytes = (uint32_t)s64.rx_bytes;
	s32.tx_bytes = (uint32_t)s64.tx_bytes;
	s32.rx_errors = (uint32_t)s64.rx_errors;
	s32.tx_errors = (uint32_t)s64.tx_errors;
	s32.rx_dropped = (uint32_t)s64.rx_dropped;
	s32.tx_dropped = (uint32_t)s64.tx_dropped;
	s32.multicast = (uint32_t)s64.multicast;
	s32.collisions = (uint32_t)s64.collisions;
	s32.rx_length_errors = (uint32_t)s64.rx_length_errors;
	s32.rx_frame_errors = (uint32_t)s64.rx_frame_errors;
	s32.rx_fifo_errors = (uint32_t)s64.rx_fifo_errors;
	s32.tx_carrier_errors = (uint32_t)s64.tx_carrier_errors;
	s32.tx_fifo_errors = (uint32_t)s64.tx_fifo_errors;
	nlb_attr(b, IFLA_STATS64, &s64, sizeof(s64));
	nlb_attr(b, IFLA_STATS, &s32, sizeof(s32));
}

void rtnl_fill_link(struct nlbuf *b, struct net_device *dev, int type, int flags, uint32_t seq,
		    uint32_t portid)
{
	static const uint8_t bcast[NETDEV_ADDR_LEN] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	bool lo = dev->type == ARPHRD_LOOPBACK;
	struct ifinfomsg *m = nlb_msg(b, type, flags, seq, portid, sizeof(*m));
	struct ifview v;
	uint8_t oper;

	if (!m)
		return;
	ifview_get(dev, &v);
	m->ifi_family = AF_UNSPEC;
	m->ifi_type = (unsigned short)dev->type;
	m->ifi_index = dev->ifindex;
	m->ifi_flags = v.flags;
	if (!(v.flags & IFF_UP))
		oper = IF_OPER_DOWN;
	else
		oper = lo ? IF_OPER_UNKNOWN : (v.flags & IFF_RUNNING) ? IF_OPER_UP : IF_OPER_DOWN;
	nlb_str(b, IFLA_IFNAME, dev->name);
	nlb_u32(b, IFLA_TXQLEN, v.txqlen);
	nlb_u8(b, IFLA_OPERSTATE, oper);
	nlb_u8(b, IFLA_LINKMODE, 0);
	nlb_u32(b, IFLA_MTU, v.mtu);
	nlb_u32(b, IFLA_MIN_MTU, lo ? 0 : 68);
	nlb_u32(b, IFLA_MAX_MTU, lo ? 0 : dev->max_mtu); /* lo: no limit */
	nlb_u32(b, IFLA_GROUP, 0);
	nlb_u32(b, IFLA_NUM_TX_QUEUES, 1);
	nlb_u32(b, IFLA_NUM_RX_QUEUES, 1);
	nlb_u8(b, IFLA_CARRIER, (v.flags & IFF_LOWER_UP) ? 1 : 0);
	nlb_str(b, IFLA_QDISC, lo ? "noqueue" : "pfifo_fast");
	nlb_attr(b, IFLA_ADDRESS, dev->addr, NETDEV_ADDR_LEN);
	nlb_attr(b, IFLA_BROADCAST, lo ? dev->addr : bcast, NETDEV_ADDR_LEN);
	fill_stats(b, dev);
	nlb_end(b);
}

struct dump {
	struct nlbuf *b;
	uint32_t seq, portid;
};

static int dump_one(struct net_device *dev, void *arg)
{
	struct dump *d = arg;

	rtnl_fill_link(d->b, dev, RTM_NEWLINK, NLM_F_MULTI, d->seq, d->portid);
	return 0;
}

/* The device a request names (ifi_index, else IFLA_IFNAME): NULL and *err. */
static struct net_device *req_dev(const struct nlmsghdr *h, int *err)
{
	const struct ifinfomsg *m = NLMSG_DATA(h);
	const struct nlattr *a;
	char name[IFNAMSIZ];
	struct net_device *dev;

	*err = -ENODEV;
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m))) {
		*err = -EINVAL;
		return NULL;
	}
	if (m->ifi_index > 0)
		return netdev_by_index(m->ifi_index);
	a = nlb_find(h, sizeof(*m), IFLA_IFNAME);
	if (!a) {
		*err = -EINVAL;
		return NULL;
	}
	memset(name, 0, sizeof(name));
	memcpy(name, (const uint8_t *)a + NLA_HDRLEN,
	       MIN(sizeof(name) - 1, (size_t)a->nla_len - NLA_HDRLEN));
	dev = netdev_by_name(name);
	return dev;
}

int rtnl_getlink(struct netlink_sock *from, const struct nlmsghdr *h)
{
	struct dump d;
	struct nlbuf b;
	int r = nlb_init(&b);

	if (r)
		return r;
	d = (struct dump){&b, h->nlmsg_seq, rtnl_portid(from)};
	if (h->nlmsg_flags & NLM_F_DUMP) {
		(void)netdev_for_each(dump_one, &d);
		nlb_done(&b, d.seq, d.portid);
	} else {
		struct net_device *dev = req_dev(h, &r);

		if (!dev)
			goto out_free;
		rtnl_fill_link(&b, dev, RTM_NEWLINK, 0, d.seq, d.portid);
	}
	r = nlb_send(&b, from, 0);
	r = r ? r : -EINTR;
out_free:
	nlb_free(&b);
	return r;
}

int rtnl_setlink(struct netlink_sock *from, const struct nlmsghdr *h)
{
	const struct ifinfomsg *m = NLMSG_DATA(h);
	const struct nlattr *a;
	struct net_device *dev;
	int r;

	(void)from;
	dev = req_dev(h, &r);
	if (!dev)
		return r == -EINVAL && h->nlmsg_type == RTM_NEWLINK ? -EOPNOTSUPP : r;
	if (h->nlmsg_type == RTM_NEWLINK && (h->nlmsg_flags & NLM_F_EXCL))
		return -EEXIST;
	if (nlb_find(h, sizeof(*m), IFLA_LINKINFO))
		return -EOPNOTSUPP;
	a = nlb_find(h, sizeof(*m), IFLA_MTU);
	if (a && a->nla_len >= NLA_HDRLEN + 4) {
		uint32_t mtu;

		memcpy(&mtu, (const uint8_t *)a + NLA_HDRLEN, 4);
		r = ifconf_set_mtu(dev, (int)mtu);
		if (r)
			return r;
	}
	a = nlb_find(h, sizeof(*m), IFLA_TXQLEN);
	if (a && a->nla_len >= NLA_HDRLEN + 4) {
		uint32_t q;

		memcpy(&q, (const uint8_t *)a + NLA_HDRLEN, 4);
		r = ifconf_set_txqlen(dev, (int)q);
		if (r)
			return r;
	}
	if (m->ifi_change & IFF_UP || (!m->ifi_change && m->ifi_flags))
		return ifconf_set_up(dev, m->ifi_flags & IFF_UP);
	return 0;
}

void rtnl_notify_link(struct net_device *dev)
{
	struct nlbuf b;

	if (nlb_init(&b))
		return;
	rtnl_fill_link(&b, dev, RTM_NEWLINK, 0, 0, 0);
	(void)nlb_send(&b, NULL, RTNLGRP_LINK);
	nlb_free(&b);
}
