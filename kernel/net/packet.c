/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_PACKET sockets (<kernel/packet.h>): link-layer frames to and from
 * the network devices, for programs such as DHCP clients and packet
 * capture that work below IP.
 *
 * socket(AF_PACKET, SOCK_RAW | SOCK_DGRAM, htons(ETH_P_*)) needs
 * CAP_NET_RAW.  A socket receives the frames whose EtherType is its
 * protocol (ETH_P_ALL: every frame, and every frame sent, as
 * PACKET_OUTGOING) on its device (ifindex 0: all).  SOCK_RAW reads and
 * writes whole frames; SOCK_DGRAM reads what follows the Ethernet header
 * and sends with a header the kernel builds from sockaddr_ll.  A classic
 * BPF filter (SO_ATTACH_FILTER, kernel/net/bpf_classic.c) decides what
 * is kept and how much of it.
 *
 * Locking: one spinlock, `packet_lock` (taken from interrupts, rank FS:
 * it allocates under it), guards the socket list and every socket's
 * receive queue, counters, filter and binding.  A reader copies to the
 * user outside it, holding its socket's `rlock` mutex so that a peeked
 * buffer stays; delivery only appends, and only a reader frees.  Delivery
 * wakes a socket under the lock (wait queues rank above it), so a socket
 * is never woken after its release unlisted it.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/poll.h>
#include <linux/sockios.h>
#include <asm/ioctls.h>
#include <asm/socket.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <platform/usercopy.h>
#include <kernel/bpf_classic.h>
#include <kernel/cred.h>
#include <kernel/mutex.h>
#include <kernel/netdev.h>
#include <kernel/packet.h>
#include <kernel/poll.h>
#include <kernel/socket.h>
#include <kernel/waitqueue.h>
#include "packet_int.h"

#define SKB_OVERHEAD 256 /* charged to the receive buffer besides the bytes */
#define SLL_ADDR_OFF ((int)offsetof(struct sockaddr_ll, sll_addr))
#define MSG_ERRQUEUE 0x2000 /* Linux's include/linux/socket.h */

_Static_assert(sizeof(struct sockaddr_ll) == 20, "sockaddr_ll");
_Static_assert(sizeof(struct tpacket_auxdata) == 20, "tpacket_auxdata");

unsigned packet_nsocks;
struct spinlock packet_lock = SPINLOCK_INIT("packet", LOCK_RANK_FS);
static struct packet_sock *socks; /* packet_lock */

static __be16 be16(uint16_t v)
{
	return (__force __be16)__builtin_bswap16(v);
}

static uint16_t host16(__be16 v)
{
	return __builtin_bswap16((__force uint16_t)v);
}

static void skb_free_all(struct packet_skb *skb)
{
	while (skb) {
		struct packet_skb *next = skb->next;

		kfree(skb);
		skb = next;
	}
}

/* ---- delivery ---- */

/* The EtherType of an Ethernet frame, as Linux's eth_type_trans gives it
 * (network order): a length field means 802.3 (raw, with 0xffff next) or
 * 802.2 LLC. */
static __be16 frame_proto(const uint8_t *f, size_t len)
{
	uint16_t t = (uint16_t)(f[12] << 8 | f[13]);

	if (t >= ETH_P_802_3_MIN)
		return be16(t);
	if (len >= ETH_HLEN + 2 && f[14] == 0xff && f[15] == 0xff)
		return be16(ETH_P_802_3);
	return be16(ETH_P_802_2);
}

static uint8_t rx_pkttype(const struct net_device *dev, const uint8_t *f)
{
	static const uint8_t bcast[ETH_ALEN] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

	if (!memcmp(f, bcast, ETH_ALEN))
		return PACKET_BROADCAST;
	if (f[0] & 1)
		return PACKET_MULTICAST;
	return memcmp(f, dev->addr, ETH_ALEN) ? PACKET_OTHERHOST : PACKET_HOST;
}

/* Under packet_lock: queue a copy of frame f (len bytes) on p if it wants
 * it and has room; true when p should be woken. */
static bool deliver_one(struct packet_sock *p, const struct net_device *dev, const uint8_t *f,
			size_t len, __be16 proto, uint8_t pkttype, uint32_t status)
{
	size_t off = p->s->type == SOCK_DGRAM ? ETH_HLEN : 0, keep = len - off;
	struct bpf_pkt view = {
		.data = f + off,
		.len = len - off,
		.ll = f,
		.net = f + ETH_HLEN,
		.protocol = host16(proto),
		.pkttype = pkttype,
		.ifindex = dev->ifindex,
		.hatype = (uint16_t)dev->type,
	};
	struct packet_skb *skb;

	if (!p->proto || (p->ifindex && p->ifindex != dev->ifindex))
		return false;
	if (p->proto != be16(ETH_P_ALL) && p->proto != proto)
		return false;
	if (pkttype == PACKET_OUTGOING && p->proto != be16(ETH_P_ALL))
		return false;
	if (p->filter) {
		uint32_t snap = bpf_classic_run(p->filter->insns, &view);

		if (!snap)
			return false;
		keep = MIN(keep, (size_t)snap);
	}
	if (p->rmem + keep + SKB_OVERHEAD > (size_t)READ_ONCE(p->s->rcvbuf) && p->head)
		goto drop;
	skb = kmalloc(offsetof(struct packet_skb, data) + keep);
	if (!skb)
		goto drop;
	skb->next = NULL;
	skb->len = (uint32_t)keep;
	skb->orig_len = (uint32_t)(len - off);
	skb->ifindex = dev->ifindex;
	skb->hatype = (uint16_t)dev->type;
	skb->protocol = proto;
	skb->pkttype = pkttype;
	memcpy(skb->addr, f + ETH_ALEN, ETH_ALEN);
	skb->status = status;
	skb->net = (uint16_t)(ETH_HLEN - off);
	memcpy(skb->data, f + off, keep);
	if (p->tail)
		p->tail->next = skb;
	else
		p->head = skb;
	p->tail = skb;
	p->rmem += keep + SKB_OVERHEAD;
	__atomic_store_n(&p->qlen, p->qlen + 1, __ATOMIC_RELEASE);
	p->st_packets++;
	return true;
drop:
	p->st_drops++;
	return false;
}

/* Give frame f to every matching socket and wake those that took it
 * (under packet_lock, so a socket being released is still whole: the
 * wait queue's lock ranks above it). */
static void deliver(const struct net_device *dev, const uint8_t *f, size_t len, uint8_t pkttype,
		    uint32_t status, const struct packet_sock *origin)
{
	__be16 proto = frame_proto(f, len);
	irqflags_t fl = spin_lock_irqsave(&packet_lock);

	for (struct packet_sock *p = socks; p; p = p->next) {
		if (p == origin) /* Linux: a sender never sees its own frame go out */
			continue;
		if (deliver_one(p, dev, f, len, proto, pkttype, status))
			poll_wake(&p->s->wq, POLLIN | POLLRDNORM);
	}
	spin_unlock_irqrestore(&packet_lock, fl);
}

void packet_rx(struct net_device *dev, const void *frame, size_t len, unsigned flags)
{
	const uint8_t *f = frame;

	deliver(dev, f, len, rx_pkttype(dev, f),
		TP_STATUS_USER | (flags & NETDEV_RX_CSUM_VALID ? TP_STATUS_CSUM_VALID : 0), NULL);
}

void packet_tx(struct net_device *dev, const struct net_frame *f)
{
	size_t len = 0, off = 0;
	uint8_t *flat;

	for (unsigned i = 0; i < f->nsegs; i++)
		len += f->segs[i].len;
	flat = kmalloc(len);
	if (!flat)
		return;
	for (unsigned i = 0; i < f->nsegs; i++) {
		memcpy(flat + off, f->segs[i].addr, f->segs[i].len);
		off += f->segs[i].len;
	}
	deliver(dev, flat, len, PACKET_OUTGOING,
		TP_STATUS_USER | (f->flags & NETDEV_TX_CSUM ? TP_STATUS_CSUMNOTREADY : 0),
		f->origin);
	kfree(flat);
}

void packet_loop(const struct net_seg *segs, unsigned nsegs, bool ipv6)
{
	struct net_device *lo = netdev_by_name("lo");
	__be16 type = be16(ipv6 ? ETH_P_IPV6 : ETH_P_IP);
	size_t len = ETH_HLEN, off = ETH_HLEN;
	uint8_t *f;

	if (!lo)
		return;
	for (unsigned i = 0; i < nsegs; i++)
		len += segs[i].len;
	f = kmalloc(len);
	if (!f)
		return;
	memset(f, 0, 2 * ETH_ALEN); /* lo's addresses are zero */
	memcpy(f + 2 * ETH_ALEN, &type, 2);
	for (unsigned i = 0; i < nsegs; i++) {
		memcpy(f + off, segs[i].addr, segs[i].len);
		off += segs[i].len;
	}
	deliver(lo, f, len, PACKET_OUTGOING, TP_STATUS_USER, NULL);
	deliver(lo, f, len, rx_pkttype(lo, f), TP_STATUS_USER, NULL);
	kfree(f);
}

/* ---- the socket ---- */

static int packet_create(struct socket *s, int protocol)
{
	struct packet_sock *p;
	irqflags_t f;

	if (!capable(CAP_NET_RAW))
		return -EPERM;
	if (s->type != SOCK_DGRAM && s->type != SOCK_RAW)
		return -ESOCKTNOSUPPORT; /* SOCK_PACKET (obsolete) is not supported */
	p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->s = s;
	p->proto = (__force __be16)(uint16_t)protocol;
	mutex_init(&p->rlock, "packet-rlock");
	s->priv = p;
	f = spin_lock_irqsave(&packet_lock);
	p->next = socks;
	socks = p;
	__atomic_add_fetch(&packet_nsocks, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&packet_lock, f);
	return 0;
}

static void packet_release(struct socket *s)
{
	struct packet_sock *p = pk(s), **pp;
	struct packet_skb *q;
	struct packet_filter *flt;
	struct packet_mc *mc;
	irqflags_t f;

	f = spin_lock_irqsave(&packet_lock);
	for (pp = &socks; *pp && *pp != p; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = p->next;
	__atomic_sub_fetch(&packet_nsocks, 1, __ATOMIC_RELAXED);
	q = p->head;
	flt = p->filter;
	mc = p->mc;
	spin_unlock_irqrestore(&packet_lock, f);
	skb_free_all(q);
	kfree(flt);
	packet_mc_free(mc);
	kfree(p);
	s->priv = NULL;
}

static int packet_bind(struct socket *s, const void *addr, int len)
{
	struct packet_sock *p = pk(s);
	struct sockaddr_ll sll;
	irqflags_t f;

	if (len < (int)sizeof(sll))
		return -EINVAL;
	memcpy(&sll, addr, sizeof(sll));
	if (sll.sll_family != AF_PACKET)
		return -EINVAL;
	if (sll.sll_ifindex && !netdev_by_index(sll.sll_ifindex))
		return -ENODEV;
	f = spin_lock_irqsave(&packet_lock);
	p->ifindex = sll.sll_ifindex;
	if (sll.sll_protocol)
		p->proto = sll.sll_protocol;
	spin_unlock_irqrestore(&packet_lock, f);
	return 0;
}

/* The socket's device and protocol, as bind left them. */
static void binding(struct packet_sock *p, int *ifindex, __be16 *proto)
{
	irqflags_t f = spin_lock_irqsave(&packet_lock);

	*ifindex = p->ifindex;
	*proto = p->proto;
	spin_unlock_irqrestore(&packet_lock, f);
}

static int packet_getname(struct socket *s, void *addr, bool peer)
{
	struct packet_sock *p = pk(s);
	struct sockaddr_ll sll = {.sll_family = AF_PACKET};
	struct net_device *dev;

	if (peer)
		return -EOPNOTSUPP;
	binding(p, &sll.sll_ifindex, &sll.sll_protocol);
	dev = sll.sll_ifindex ? netdev_by_index(sll.sll_ifindex) : NULL;
	if (dev) {
		sll.sll_hatype = (unsigned short)dev->type;
		sll.sll_halen = ETH_ALEN;
		memcpy(sll.sll_addr, dev->addr, ETH_ALEN);
	}
	memcpy(addr, &sll, sizeof(sll));
	return SLL_ADDR_OFF + sll.sll_halen;
}

static ssize_t packet_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct packet_sock *p = pk(s);
	const uint8_t *daddr = NULL;
	struct net_device *dev;
	struct net_seg seg;
	struct net_frame fr = {.segs = &seg, .nsegs = 1, .origin = p};
	size_t hlen = s->type == SOCK_DGRAM ? ETH_HLEN : 0;
	__be16 proto;
	uint8_t *buf;
	int ifindex, err;

	if (m->namelen) {
		struct sockaddr_ll sll;

		if (m->namelen < (int)sizeof(sll))
			return -EINVAL;
		memcpy(&sll, m->name, sizeof(sll));
		if (m->namelen < SLL_ADDR_OFF + sll.sll_halen)
			return -EINVAL;
		ifindex = sll.sll_ifindex;
		proto = sll.sll_protocol;
		if (s->type == SOCK_DGRAM)
			daddr = (const uint8_t *)m->name + SLL_ADDR_OFF;
	} else {
		binding(p, &ifindex, &proto);
	}
	dev = ifindex ? netdev_by_index(ifindex) : NULL;
	if (!dev)
		return -ENXIO;
	if (!(__atomic_load_n(&dev->flags, __ATOMIC_ACQUIRE) & IFF_UP))
		return -ENETDOWN;
	if (m->len > (size_t)dev->mtu + NETDEV_VLAN_HLEN + (hlen ? 0 : ETH_HLEN))
		return -EMSGSIZE;
	if (!hlen && m->len < ETH_HLEN)
		return -EINVAL;
	buf = kmalloc(hlen + m->len);
	if (!buf)
		return -ENOBUFS;
	if (hlen) {
		if (daddr)
			memcpy(buf, daddr, ETH_ALEN);
		else
			memset(buf, 0, ETH_ALEN);
		memcpy(buf + ETH_ALEN, dev->addr, ETH_ALEN);
		memcpy(buf + 2 * ETH_ALEN, &proto, 2);
	}
	err = sock_msg_get(m, buf + hlen, m->len);
	if (!err) {
		seg = (struct net_seg){buf, (uint32_t)(hlen + m->len)};
		err = netdev_xmit(dev, &fr);
	}
	kfree(buf);
	return err ? err : (ssize_t)m->len;
}

static long readable(void *arg)
{
	struct packet_sock *p = arg;

	return __atomic_load_n(&p->qlen, __ATOMIC_ACQUIRE) != 0;
}

/* The head of the queue (taken off unless peek) into *out: 0 or -EAGAIN. */
static int take(struct packet_sock *p, bool peek, struct packet_skb **out)
{
	irqflags_t f = spin_lock_irqsave(&packet_lock);
	struct packet_skb *skb = p->head;

	if (skb && !peek) {
		p->head = skb->next;
		if (!p->head)
			p->tail = NULL;
		p->rmem -= skb->len + SKB_OVERHEAD;
		__atomic_store_n(&p->qlen, p->qlen - 1, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&packet_lock, f);
	*out = skb;
	return skb ? 0 : -EAGAIN;
}

static ssize_t packet_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct packet_sock *p = pk(s);
	bool peek = m->flags & MSG_PEEK;
	uint64_t deadline = nonblock ? 0 : sock_deadline(s, false);
	struct packet_skb *skb;
	size_t copied;
	ssize_t r;

	if (m->flags & ~(MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC | MSG_ERRQUEUE | MSG_CMSG_CLOEXEC))
		return -EINVAL;
	if (m->flags & MSG_ERRQUEUE)
		return -EAGAIN; /* no error queue: never anything on it */
	for (;;) {
		mutex_lock(&p->rlock);
		r = take(p, peek, &skb);
		if (r != -EAGAIN || nonblock)
			break;
		mutex_unlock(&p->rlock); /* never sleep holding it */
		r = wq_sleep_signalable_deadline(&s->wq, readable, p, deadline);
		if (r < 0)
			return r == -ETIMEDOUT ? -EAGAIN : r;
	}
	if (r)
		goto out_unlock;
	copied = MIN((size_t)skb->len, m->len);
	if (copied < skb->len)
		m->out_flags |= MSG_TRUNC;
	r = sock_msg_put(m, skb->data, copied) ? -EFAULT : (ssize_t)copied;
	if (m->want_name) {
		struct sockaddr_ll sll = {
			.sll_family = AF_PACKET,
			.sll_protocol = skb->protocol,
			.sll_ifindex = skb->ifindex,
			.sll_hatype = skb->hatype,
			.sll_pkttype = skb->pkttype,
			.sll_halen = ETH_ALEN,
		};

		memcpy(sll.sll_addr, skb->addr, ETH_ALEN);
		memcpy(m->name, &sll, sizeof(sll));
		m->namelen = (int)sizeof(sll); /* Linux: never less than the struct */
	}
	if (READ_ONCE(p->auxdata)) {
		struct tpacket_auxdata aux = {
			.tp_status = skb->status,
			.tp_len = skb->orig_len,
			.tp_snaplen = skb->len,
			.tp_mac = 0,
			.tp_net = skb->net,
		};

		sock_msg_put_cmsg(m, SOL_PACKET, PACKET_AUXDATA, &aux, sizeof(aux));
	}
	if (r >= 0 && (m->flags & MSG_TRUNC))
		r = (ssize_t)skb->len;
	if (!peek)
		kfree(skb);
out_unlock:
	mutex_unlock(&p->rlock);
	return r;
}

static unsigned packet_poll(struct socket *s, unsigned events, struct poll_table *pt)
{
	unsigned mask = POLLOUT | POLLWRNORM | POLLWRBAND;

	poll_wait(pt, &s->wq);
	if (readable(pk(s)))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static long packet_ioctl(struct socket *s, unsigned cmd, uint64_t arg)
{
	struct packet_sock *p = pk(s);
	irqflags_t f;
	int n = 0;

	switch (cmd) {
	case SIOCINQ: /* the next frame's length */
		f = spin_lock_irqsave(&packet_lock);
		if (p->head)
			n = (int)p->head->len;
		spin_unlock_irqrestore(&packet_lock, f);
		break;
	case SIOCOUTQ: /* nothing waits to be sent: a send goes to the device */
		break;
	default:
		return -ENOTTY;
	}
	return put_user(n, (int __user *)uptr(arg)) ? -EFAULT : 0;
}

const struct proto_ops packet_ops = {
	.family = AF_PACKET,
	.create = packet_create,
	.bind = packet_bind,
	.sendmsg = packet_sendmsg,
	.recvmsg = packet_recvmsg,
	.getname = packet_getname,
	.setsockopt = packet_setsockopt,
	.getsockopt = packet_getsockopt,
	.poll = packet_poll,
	.ioctl = packet_ioctl,
	.release = packet_release,
};
