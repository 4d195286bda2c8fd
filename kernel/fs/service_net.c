/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API's network devices (service.h, "network devices"): how
 * the TCP/IP stack (kevlar_inet) reaches the netdev layer.
 *
 * Receive: the layer calls its one handler (netdev_set_handler) in the
 * driver's interrupt, and lwIP may only be entered from threads.  So the
 * handler copies each frame of a device the stack opened into a bounded
 * queue here (RXQ_SLOTS frames; when it is full the frame is dropped and
 * counted as the device's rx_dropped) and wakes the stack's receive
 * thread, which takes frames with svc_netdev_recv.  The thread may also
 * give the kernel its own buffers ahead (svc_netdev_post, at most
 * RXQ_POSTED): while one is free the handler copies the frame straight
 * into it, not into a slot, and the frame is the thread's with no second
 * copy (a slot's frame is copied into the buffer the call brings, as
 * before).  Frames stay in order: the queue's entries say where each is,
 * and posted buffers are filled and given back oldest first.  The
 * buffers are the instance's memory, which a failed internal instance
 * keeps; the handler writes into them only under the queue's lock while
 * the instance has not failed.  The queue is static,
 * so frames queued for a stack that fails are simply forgotten: the first
 * frame or wait after the failure detaches the handler and empties it.
 * It belongs to one instance at a time (lwIP has one per boot).
 *
 * Transmit: svc_netdev_xmit hands the stack's segments to netdev_xmit; the
 * stack fills every checksum itself, so the layer sums nothing again.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <kevlar_vfs/service.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/packet.h>
#include <kernel/waitqueue.h>
#include <platform/time.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

#define RXQ_SLOTS      128
#define RXQ_POSTED     64   /* the stack's buffers given ahead */
#define RXQ_FRAME      1536 /* an MTU of 1500, its Ethernet header and a VLAN tag */
#define FAILED_POLL_NS 100000000ull

struct rx_slot {
	int ifindex;
	uint16_t len;
	void *posted; /* the frame is in this posted buffer, not in data */
	uint8_t data[RXQ_FRAME];
};

static struct rxq {
	struct waitqueue wq;  /* its lock guards the fields below */
	struct vfs_sb *sb;    /* the instance it queues for (one reference), or NULL */
	unsigned head, count; /* slots[head .. head + count) hold frames */
	unsigned seen_gen;    /* netdev_generation() at the last recv */
	uint64_t opened[2];   /* bit ifindex: the stack opened it */
	/* posted[phead .. phead + nfree) are empty, given by svc_netdev_post */
	unsigned phead, nfree;
	void *posted[RXQ_POSTED];
	unsigned nposted;	 /* given and not yet returned by svc_netdev_recv */
	uint64_t direct, copied; /* frames queued in a posted buffer, in a slot */
	struct rx_slot slots[RXQ_SLOTS];
} rxq = {.wq = WAITQUEUE_INIT(rxq.wq)};

static bool is_ether(const struct net_device *dev)
{
	return dev->type == ARPHRD_ETHER;
}

static void fill_info(const struct net_device *dev, struct svc_netdev_info *info)
{
	unsigned flags = __atomic_load_n(&dev->flags, __ATOMIC_ACQUIRE);

	memset(info, 0, sizeof(*info));
	info->ifindex = dev->ifindex;
	memcpy(info->name, dev->name, sizeof(info->name));
	info->name[sizeof(info->name) - 1] = '\0';
	memcpy(info->addr, dev->addr, sizeof(info->addr));
	info->mtu = dev->mtu;
	info->failed = __atomic_load_n(&dev->failed, __ATOMIC_ACQUIRE);
	info->up = (flags & IFF_UP) && !info->failed;
	info->carrier = __atomic_load_n(&dev->carrier, __ATOMIC_ACQUIRE) && !info->failed;
}

int svc_netdev_info(struct svc_cap cap, int ifindex, struct svc_netdev_info *info)
{
	struct net_device *dev;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_netdev_info") || !info)
		return -EINVAL;
	dev = netdev_by_index(ifindex);
	if (!dev || !is_ether(dev))
		return -ENODEV;
	fill_info(dev, info);
	return 0;
}

int svc_netdev_next(struct svc_cap cap, int after, struct svc_netdev_info *info)
{
	struct net_device *dev;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_netdev_next") || !info || after < 0)
		return 0;
	for (int i = after + 1; (dev = netdev_by_index(i)); i++) {
		if (is_ether(dev)) {
			fill_info(dev, info);
			return i;
		}
	}
	return 0;
}

/* ---- receiving ---- */

static bool opened(int ifindex)
{
	return ifindex > 0 && ifindex < 128 && (rxq.opened[ifindex / 64] >> (ifindex % 64)) & 1;
}

/* Under rxq.wq.lock: the instance failed: forget it and its frames. */
static struct vfs_sb *detach_locked(void)
{
	struct vfs_sb *sb = rxq.sb;

	rxq.sb = NULL;
	rxq.count = 0;
	rxq.head = 0;
	rxq.opened[0] = rxq.opened[1] = 0;
	rxq.phead = rxq.nfree = rxq.nposted = 0;
	return sb;
}

static void rx_handler(struct net_device *dev, const void *frame, size_t len, unsigned flags);

/* The stack failed: no more frames for it.  Any context but the handler
 * may drop the reference (vfs_sb_put may sleep), so it is kept: a failed
 * internal instance is never released anyway. */
static void detach(void)
{
	irqflags_t f = spin_lock_irqsave(&rxq.wq.lock);
	netdev_rx_fn old;

	(void)detach_locked();
	spin_unlock_irqrestore(&rxq.wq.lock, f);
	old = netdev_set_handler(NULL);
	if (old && old != rx_handler) /* a self-test's: leave it */
		(void)netdev_set_handler(old);
}

/* Under rxq.wq.lock: the queue is (now) sb's: 0 or -EBUSY. */
static int claim_locked(struct vfs_sb *sb)
{
	if (rxq.sb && rxq.sb != sb)
		return -EBUSY;
	if (!rxq.sb) {
		vfs_sb_hold(sb);
		rxq.sb = sb;
		rxq.seen_gen = netdev_generation();
	}
	return 0;
}

static void rx_handler(struct net_device *dev, const void *frame, size_t len, unsigned flags)
{
	irqflags_t f;
	bool dropped = false, failed = false;

	(void)flags; /* lwIP checks every received checksum itself */
	f = spin_lock_irqsave(&rxq.wq.lock);
	if (!rxq.sb || !opened(dev->ifindex)) {
		/* not the stack's device: nobody wants the frame */
	} else if (__atomic_load_n(&rxq.sb->failed, __ATOMIC_ACQUIRE)) {
		(void)detach_locked();
		failed = true;
	} else if (rxq.count == RXQ_SLOTS || len > RXQ_FRAME) {
		dropped = true;
	} else {
		struct rx_slot *s = &rxq.slots[(rxq.head + rxq.count) % RXQ_SLOTS];

		s->ifindex = dev->ifindex;
		s->len = (uint16_t)len;
		s->posted = NULL;
		if (rxq.nfree) {
			s->posted = rxq.posted[rxq.phead];
			rxq.phead = (rxq.phead + 1) % RXQ_POSTED;
			rxq.nfree--;
		}
		memcpy(s->posted ? s->posted : s->data, frame, len);
		if (s->posted)
			rxq.direct++;
		else
			rxq.copied++;
		rxq.count++;
		wq_wake_all_locked(&rxq.wq);
	}
	spin_unlock_irqrestore(&rxq.wq.lock, f);
	if (dropped)
		netdev_rx_error(dev, NETDEV_RX_ERR_DROPPED);
	if (failed)
		(void)netdev_set_handler(NULL);
}

int svc_netdev_open(struct svc_cap cap, struct vfs_sb *sb, int ifindex)
{
	struct net_device *dev;
	irqflags_t f;
	int r;

	svc_check();
	if (!svc_cap_ok(cap, sb, "svc_netdev_open") || !sb)
		return -EINVAL;
	dev = netdev_by_index(ifindex);
	if (!dev || !is_ether(dev) || ifindex >= 128)
		return -ENODEV;
	f = spin_lock_irqsave(&rxq.wq.lock);
	r = claim_locked(sb);
	if (!r)
		rxq.opened[ifindex / 64] |= 1ull << (ifindex % 64);
	spin_unlock_irqrestore(&rxq.wq.lock, f);
	if (r)
		return r;
	/* (again after another handler, the self-tests', took its place) */
	(void)netdev_set_handler(rx_handler);
	return netdev_open(dev);
}

/* Under the queue's lock (wq_pred_fn): a frame, or a device changed. */
static long recv_ready(void *arg)
{
	(void)arg;
	return rxq.count || netdev_generation() != rxq.seen_gen || !rxq.sb;
}

int svc_netdev_post(struct svc_cap cap, struct vfs_sb *sb, void *buf, size_t size)
{
	irqflags_t f;
	int r = 0;

	svc_check();
	if (!svc_cap_ok(cap, sb, "svc_netdev_post") || !sb || !buf || size < RXQ_FRAME)
		return -EINVAL;
	f = spin_lock_irqsave(&rxq.wq.lock);
	if (__atomic_load_n(&sb->failed, __ATOMIC_ACQUIRE))
		r = -EIO;
	else
		r = claim_locked(sb);
	if (!r && rxq.nposted == RXQ_POSTED)
		r = -ENOSPC;
	if (!r) {
		rxq.posted[(rxq.phead + rxq.nfree) % RXQ_POSTED] = buf;
		rxq.nfree++;
		rxq.nposted++;
	}
	spin_unlock_irqrestore(&rxq.wq.lock, f);
	return r;
}

ssize_t svc_netdev_recv(struct svc_cap cap, struct vfs_sb *sb, int *ifindex, void *buf, size_t size,
			void **frame, uint64_t timeout_ns)
{
	uint64_t now = time_ns(), deadline = now + timeout_ns;
	irqflags_t f;
	ssize_t r;

	svc_check();
	if (!svc_cap_ok(cap, sb, "svc_netdev_recv") || !sb || !ifindex || (!buf && size) || !frame)
		return -EINVAL;
	for (;;) {
		uint64_t until = deadline;

		f = spin_lock_irqsave(&rxq.wq.lock);
		if (!__atomic_load_n(&sb->failed, __ATOMIC_ACQUIRE) && claim_locked(sb)) {
			spin_unlock_irqrestore(&rxq.wq.lock, f);
			return -EBUSY;
		}
		if (netdev_generation() != rxq.seen_gen) {
			rxq.seen_gen = netdev_generation();
			spin_unlock_irqrestore(&rxq.wq.lock, f);
			return 0;
		}
		if (rxq.count) {
			struct rx_slot *s = &rxq.slots[rxq.head];

			if (s->posted) {
				r = s->len;
				*frame = s->posted;
				rxq.nposted--;
			} else {
				r = (ssize_t)MIN((size_t)s->len, size);
				memcpy(buf, s->data, (size_t)r);
				*frame = buf;
			}
			*ifindex = s->ifindex;
			rxq.head = (rxq.head + 1) % RXQ_SLOTS;
			rxq.count--;
			spin_unlock_irqrestore(&rxq.wq.lock, f);
			return r;
		}
		spin_unlock_irqrestore(&rxq.wq.lock, f);
		if (__atomic_load_n(&sb->failed, __ATOMIC_ACQUIRE)) {
			detach();
			svc_check(); /* a failed instance's waiter unwinds here */
			return -EIO;
		}
		now = time_ns();
		if (now >= deadline)
			return -ETIMEDOUT;
		if (until - now > FAILED_POLL_NS)
			until = now + FAILED_POLL_NS;
		(void)wq_sleep_deadline(&rxq.wq, recv_ready, NULL, until);
	}
}

void inet_rx_counts(uint64_t *direct, uint64_t *copied)
{
	irqflags_t f = spin_lock_irqsave(&rxq.wq.lock);

	*direct = rxq.direct;
	*copied = rxq.copied;
	spin_unlock_irqrestore(&rxq.wq.lock, f);
}

unsigned svc_netdev_rx_pending(void)
{
	return __atomic_load_n(&rxq.count, __ATOMIC_RELAXED);
}

/* ---- sending ---- */

int svc_netdev_xmit(struct svc_cap cap, int ifindex, const struct svc_net_seg *segs, unsigned nsegs)
{
	struct net_seg s[NETDEV_MAX_SEGS];
	struct net_frame fr = {.segs = s, .nsegs = nsegs};
	struct net_device *dev;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_netdev_xmit") || !segs || !nsegs || nsegs > NETDEV_MAX_SEGS)
		return -EINVAL;
	dev = netdev_by_index(ifindex);
	if (!dev || !is_ether(dev))
		return -ENODEV;
	for (unsigned i = 0; i < nsegs; i++)
		s[i] = (struct net_seg){segs[i].addr, segs[i].len};
	return netdev_xmit(dev, &fr);
}

/* ---- AF_PACKET's view of the stack's loopback ---- */

bool svc_packet_tapped(void)
{
	return packet_tapped();
}

void svc_packet_loop(struct svc_cap cap, const struct svc_net_seg *segs, unsigned nsegs, bool ipv6)
{
	struct net_seg s[NETDEV_MAX_SEGS];

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_packet_loop") || !segs || nsegs > NETDEV_MAX_SEGS)
		return;
	for (unsigned i = 0; i < nsegs; i++)
		s[i] = (struct net_seg){segs[i].addr, segs[i].len};
	packet_loop(s, nsegs, ipv6);
}
