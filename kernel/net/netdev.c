/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The network-device layer (<kernel/netdev.h>): the registry of devices,
 * the one gate into a driver's open, stop and xmit, software checksums
 * for devices without the offload, delivery of received frames to the
 * protocol handler, the counters, and /proc/net/dev.
 *
 * The registry only grows (devices are never removed: there is no
 * hotplug): `devs[0..ndevs)` is written under `reg_lock` and published
 * by the release store of `ndevs`, so lookups read it without a lock.
 * A device's counters and flags are atomics: frames are counted from
 * interrupts and from any sender at once.
 *
 * The loopback device `lo` (ifindex 1, registered at boot) sends each
 * frame back to the handler as received, in the sender's context.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/spinlock.h>
#include <kernel/netdev.h>
#include <kernel/packet.h>
#include "../driver/gate.h"

#define XMIT_CHUNK 8 /* frames given to a driver at once */

static struct net_device *devs[NETDEV_MAX]; /* written under reg_lock, before ndevs */
static unsigned ndevs;			    /* atomic: published devices */
static unsigned neth;			    /* eth<N> names handed out (reg_lock) */
static struct spinlock reg_lock;
static netdev_rx_fn handler; /* atomic */
static unsigned generation;  /* atomic: bumped by every change of a device's state */

static void changed(void)
{
	__atomic_add_fetch(&generation, 1, __ATOMIC_RELEASE);
}

unsigned netdev_generation(void)
{
	return __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
}

static void count(uint64_t *c, uint64_t n)
{
	__atomic_add_fetch(c, n, __ATOMIC_RELAXED);
}

static unsigned get_flags(const struct net_device *dev)
{
	return __atomic_load_n(&dev->flags, __ATOMIC_ACQUIRE);
}

static void set_flags(struct net_device *dev, unsigned set, unsigned clear)
{
	unsigned old = get_flags(dev), new;

	do {
		new = (old | set) & ~clear;
	} while (!__atomic_compare_exchange_n(&dev->flags, &old, new, false, __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
}

static void drv_failed_cb(void *arg);

/* ---- the registry ---- */

static bool name_taken(const char *name)
{
	return netdev_by_name(name) != NULL;
}

int netdev_register(struct net_device *dev)
{
	irqflags_t f;
	int r = 0;

	if (!dev->ops || !dev->ops->xmit || !dev->mtu)
		return -EINVAL;
	f = spin_lock_irqsave(&reg_lock);
	if (ndevs == NETDEV_MAX) {
		r = -ENOSPC;
		goto out_unlock;
	}
	if (!dev->name[0]) {
		do {
			snprintf(dev->name, sizeof(dev->name), "eth%u", neth++);
		} while (name_taken(dev->name));
	} else if (name_taken(dev->name)) {
		r = -EEXIST;
		goto out_unlock;
	}
	dev->ifindex = (int)ndevs + 1;
	dev->max_mtu = dev->mtu;
	dev->flags = dev->type == ARPHRD_LOOPBACK ? IFF_LOOPBACK : IFF_BROADCAST | IFF_MULTICAST;
	dev->failed = false;
	memset(&dev->stats, 0, sizeof(dev->stats));
	if (dev->drv)
		drv_on_fail(dev->drv, drv_failed_cb, dev);
	devs[ndevs] = dev;
	__atomic_store_n(&ndevs, ndevs + 1, __ATOMIC_RELEASE);
out_unlock:
	spin_unlock_irqrestore(&reg_lock, f);
	if (!r)
		changed();
	if (!r)
		pr_info("net: %s: ifindex %d, mtu %u, address %02x:%02x:%02x:%02x:%02x:%02x\n",
			dev->name, dev->ifindex, dev->mtu, dev->addr[0], dev->addr[1], dev->addr[2],
			dev->addr[3], dev->addr[4], dev->addr[5]);
	return r;
}

struct net_device *netdev_by_index(int ifindex)
{
	unsigned n = __atomic_load_n(&ndevs, __ATOMIC_ACQUIRE);

	return ifindex >= 1 && (unsigned)ifindex <= n ? devs[ifindex - 1] : NULL;
}

struct net_device *netdev_by_name(const char *name)
{
	unsigned n = __atomic_load_n(&ndevs, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++) {
		if (!strcmp(devs[i]->name, name))
			return devs[i];
	}
	return NULL;
}

int netdev_for_each(int (*fn)(struct net_device *dev, void *arg), void *arg)
{
	unsigned n = __atomic_load_n(&ndevs, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++) {
		int r = fn(devs[i], arg);

		if (r)
			return r;
	}
	return 0;
}

/* ---- failure ---- */

/* The driver failed (a fault in one of its crossings): down for good. */
static void dev_failed(struct net_device *dev)
{
	if (__atomic_exchange_n(&dev->failed, true, __ATOMIC_ACQ_REL))
		return;
	__atomic_store_n(&dev->carrier, false, __ATOMIC_RELEASE);
	set_flags(dev, 0, IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	changed();
	pr_err("net: %s: its driver failed; the device is down\n", dev->name);
}

/* The gate's word once no crossing is inside the instance any more. */
static void drv_failed_cb(void *arg)
{
	dev_failed(arg);
}

static bool is_failed(struct net_device *dev)
{
	return __atomic_load_n(&dev->failed, __ATOMIC_ACQUIRE) ||
	       (dev->drv && drv_failed(dev->drv));
}

/* ---- up and down ---- */

int netdev_open(struct net_device *dev)
{
	int r = 0;

	if (is_failed(dev))
		return -ENETDOWN;
	if (get_flags(dev) & IFF_UP)
		return 0;
	if (dev->ops->open) {
		if (!dev->drv)
			r = dev->ops->open(dev);
		else if (!DRV_CALL(dev->drv, DRV_OP_CTL, r = dev->ops->open(dev)))
			r = -EIO;
	}
	if (r) {
		if (r == -EIO)
			dev_failed(dev);
		return r;
	}
	set_flags(dev, IFF_UP, 0);
	changed();
	netdev_carrier(dev, __atomic_load_n(&dev->carrier, __ATOMIC_ACQUIRE));
	return 0;
}

void netdev_stop(struct net_device *dev)
{
	if (!(get_flags(dev) & IFF_UP))
		return;
	set_flags(dev, 0, IFF_UP | IFF_RUNNING);
	changed();
	if (dev->ops->stop && !is_failed(dev)) {
		if (!dev->drv)
			dev->ops->stop(dev);
		else if (!DRV_CALL(dev->drv, DRV_OP_CTL, dev->ops->stop(dev)))
			dev_failed(dev);
	}
}

void netdev_carrier(struct net_device *dev, bool on)
{
	bool up = on && !__atomic_load_n(&dev->failed, __ATOMIC_ACQUIRE);

	if (__atomic_exchange_n(&dev->carrier, up, __ATOMIC_ACQ_REL) != up)
		changed();
	if (up && (get_flags(dev) & IFF_UP))
		set_flags(dev, IFF_RUNNING | IFF_LOWER_UP, 0);
	else if (up)
		set_flags(dev, IFF_LOWER_UP, IFF_RUNNING);
	else
		set_flags(dev, 0, IFF_RUNNING | IFF_LOWER_UP);
}

int netdev_set_mtu(struct net_device *dev, unsigned mtu)
{
	unsigned min = dev->type == ARPHRD_LOOPBACK ? 0 : 68;

	if (mtu < min || mtu > dev->max_mtu)
		return -EINVAL;
	__atomic_store_n(&dev->mtu, mtu, __ATOMIC_RELEASE);
	changed();
	return 0;
}

/* ---- sending ---- */

static size_t frame_len(const struct net_frame *f)
{
	size_t len = 0;

	for (unsigned i = 0; i < f->nsegs; i++)
		len += f->segs[i].len;
	return len;
}

/* A frame the device may be given: 0 or -EINVAL / -EMSGSIZE. */
static int check_frame(const struct net_device *dev, const struct net_frame *f, size_t len)
{
	if (!f->segs || !f->nsegs || f->nsegs > NETDEV_MAX_SEGS || len < NETDEV_ETH_HLEN)
		return -EINVAL;
	for (unsigned i = 0; i < f->nsegs; i++) {
		if (!f->segs[i].addr && f->segs[i].len)
			return -EINVAL;
	}
	if (len > (size_t)dev->mtu + NETDEV_ETH_HLEN + NETDEV_VLAN_HLEN)
		return -EMSGSIZE;
	if ((f->flags & NETDEV_TX_CSUM) &&
	    (f->csum_start < NETDEV_ETH_HLEN || (size_t)f->csum_start + f->csum_offset + 2 > len))
		return -EINVAL;
	return 0;
}

/*
 * The checksum of frame `f` computed here (the device cannot): `out`
 * becomes `f` with the two bytes of the checksum field replaced by a
 * segment pointing at `sum` (segs: room for nsegs + 2).
 */
static void soft_csum(const struct net_frame *f, struct net_frame *out, struct net_seg *segs,
		      uint8_t sum[2])
{
	size_t at = (size_t)f->csum_start + f->csum_offset, off = 0;
	uint32_t s = 0;
	uint16_t v;
	unsigned n = 0;

	for (unsigned i = 0; i < f->nsegs; i++) {
		const uint8_t *p = f->segs[i].addr;
		size_t len = f->segs[i].len, from = off < f->csum_start ? f->csum_start - off : 0;

		if (from < len)
			s = csum_add_bytes(s, p + from, len - from,
					   (off + from - f->csum_start) & 1);
		off += len;
	}
	v = csum_fold(s);
	if (!v)
		v = 0xffff; /* 0 means "no checksum" to UDP: send its other zero */
	sum[0] = (uint8_t)(v >> 8);
	sum[1] = (uint8_t)v;
	off = 0;
	for (unsigned i = 0; i < f->nsegs; i++) {
		const uint8_t *p = f->segs[i].addr;
		size_t len = f->segs[i].len, end = off + len;

		if (off < at)
			segs[n++] = (struct net_seg){p, (uint32_t)(MIN(end, at) - off)};
		if (off <= at && at < end)
			segs[n++] = (struct net_seg){sum, 2};
		if (end > at + 2) {
			size_t from = off > at + 2 ? 0 : at + 2 - off;

			segs[n++] = (struct net_seg){p + from, (uint32_t)(len - from)};
		}
		off = end;
	}
	*out = *f;
	out->segs = segs;
	out->nsegs = n;
	out->flags &= ~NETDEV_TX_CSUM;
}

/* Up to XMIT_CHUNK checked frames to the driver: how many it took, or
 * -EIO when it faulted. */
static int xmit_chunk(struct net_device *dev, const struct net_frame *frames, unsigned n)
{
	int r = -EIO;

	if (!dev->drv)
		return dev->ops->xmit(dev, frames, n);
	if (!DRV_CALL(dev->drv, DRV_OP_XMIT, r = dev->ops->xmit(dev, frames, n)))
		r = -EIO;
	if (r == -EIO) /* it faulted, or its device is broken */
		dev_failed(dev);
	return r;
}

int netdev_xmit_batch(struct net_device *dev, const struct net_frame *frames, unsigned n)
{
	struct net_frame chunk[XMIT_CHUNK];
	struct net_seg segs[XMIT_CHUNK][NETDEV_MAX_SEGS + 2];
	uint8_t sums[XMIT_CHUNK][2];
	size_t lens[XMIT_CHUNK];
	unsigned sent = 0;
	int err = 0;

	if (is_failed(dev) || !(get_flags(dev) & IFF_UP))
		return -ENETDOWN;
	while (sent < n && !err) {
		unsigned k = 0;
		int r;

		for (; k < XMIT_CHUNK && sent + k < n; k++) {
			const struct net_frame *f = &frames[sent + k];

			lens[k] = frame_len(f);
			err = check_frame(dev, f, lens[k]);
			if (err)
				break;
			if ((f->flags & NETDEV_TX_CSUM) && !(dev->features & NETDEV_F_TX_CSUM))
				soft_csum(f, &chunk[k], segs[k], sums[k]);
			else
				chunk[k] = *f;
			if (packet_tapped())
				packet_tx(dev, &chunk[k]);
		}
		if (!k)
			break;
		r = xmit_chunk(dev, chunk, k);
		if (r < 0) {
			err = r;
			break;
		}
		for (unsigned i = 0; i < (unsigned)r && i < k; i++) {
			count(&dev->stats.tx_packets, 1);
			count(&dev->stats.tx_bytes, lens[i]);
		}
		sent += (unsigned)MIN((unsigned)r, k);
		if ((unsigned)r < k) {
			if (!sent)
				err = -ENOBUFS;
			break;
		}
	}
	if (err == -EIO)
		count(&dev->stats.tx_errors, 1);
	return sent ? (int)sent : err;
}

int netdev_xmit(struct net_device *dev, const struct net_frame *f)
{
	int r = netdev_xmit_batch(dev, f, 1);

	return r < 0 ? r : 0;
}

/* ---- receiving ---- */

netdev_rx_fn netdev_set_handler(netdev_rx_fn fn)
{
	return __atomic_exchange_n(&handler, fn, __ATOMIC_ACQ_REL);
}

void netdev_rx(struct net_device *dev, const void *frame, size_t len, unsigned flags)
{
	netdev_rx_fn fn;

	if (len < NETDEV_ETH_HLEN) {
		netdev_rx_error(dev, NETDEV_RX_ERR_LENGTH);
		return;
	}
	if (!(get_flags(dev) & IFF_UP) || __atomic_load_n(&dev->failed, __ATOMIC_ACQUIRE)) {
		count(&dev->stats.rx_dropped, 1);
		return;
	}
	count(&dev->stats.rx_packets, 1);
	count(&dev->stats.rx_bytes, len);
	if (((const uint8_t *)frame)[0] & 1)
		count(&dev->stats.multicast, 1);
	if (packet_tapped())
		packet_rx(dev, frame, len, flags);
	fn = __atomic_load_n(&handler, __ATOMIC_ACQUIRE);
	if (fn)
		fn(dev, frame, len, flags);
}

void netdev_rx_error(struct net_device *dev, enum netdev_rx_err kind)
{
	switch (kind) {
	case NETDEV_RX_ERR_LENGTH:
		count(&dev->stats.rx_length_errors, 1);
		count(&dev->stats.rx_errors, 1);
		break;
	case NETDEV_RX_ERR_FRAME:
		count(&dev->stats.rx_frame_errors, 1);
		count(&dev->stats.rx_errors, 1);
		break;
	case NETDEV_RX_ERR_DROPPED:
		count(&dev->stats.rx_dropped, 1);
		break;
	}
}

void netdev_get_stats(const struct net_device *dev, struct net_stats *out)
{
	const uint64_t *in = (const uint64_t *)&dev->stats;
	uint64_t *o = (uint64_t *)out;

	for (size_t i = 0; i < sizeof(*out) / sizeof(uint64_t); i++)
		o[i] = __atomic_load_n(&in[i], __ATOMIC_RELAXED);
}

/* ---- /proc/net/dev ---- */

struct show {
	char *buf;
	size_t size, len;
};

static void put(struct show *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct show *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->len >= s->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
	va_end(ap);
	s->len = MIN(s->len + (size_t)(n > 0 ? n : 0), s->size);
}

static int show_dev(struct net_device *dev, void *arg)
{
	struct net_stats st;

	netdev_get_stats(dev, &st);
	/* Linux's columns: drop adds the missed, frame the length, over, CRC
	 * and frame errors, carrier the aborted, window and heartbeat ones */
	put(arg,
	    "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu %8llu %7llu %4llu %4llu %4llu "
	    "%5llu %7llu %10llu\n",
	    dev->name, (unsigned long long)st.rx_bytes, (unsigned long long)st.rx_packets,
	    (unsigned long long)st.rx_errors, (unsigned long long)st.rx_dropped,
	    (unsigned long long)st.rx_fifo_errors,
	    (unsigned long long)(st.rx_length_errors + st.rx_frame_errors), 0ull,
	    (unsigned long long)st.multicast, (unsigned long long)st.tx_bytes,
	    (unsigned long long)st.tx_packets, (unsigned long long)st.tx_errors,
	    (unsigned long long)st.tx_dropped, (unsigned long long)st.tx_fifo_errors,
	    (unsigned long long)st.collisions, (unsigned long long)st.tx_carrier_errors, 0ull);
	return 0;
}

size_t netdev_proc_show(char *buf, size_t size)
{
	struct show s = {buf, size, 0};

	put(&s, "Inter-|   Receive                                                |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed multicast|bytes    "
		"packets errs drop fifo colls carrier compressed\n");
	netdev_for_each(show_dev, &s);
	return s.len;
}

/* ---- the loopback device ---- */

static int lo_xmit(struct net_device *dev, const struct net_frame *frames, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		const struct net_frame *f = &frames[i];
		size_t len = frame_len(f), off = 0;
		char *copy;

		if (f->nsegs == 1) {
			netdev_rx(dev, f->segs[0].addr, len, 0);
			continue;
		}
		copy = kmalloc(len);
		if (!copy) {
			count(&dev->stats.tx_dropped, 1);
			continue;
		}
		for (unsigned j = 0; j < f->nsegs; j++) {
			memcpy(copy + off, f->segs[j].addr, f->segs[j].len);
			off += f->segs[j].len;
		}
		netdev_rx(dev, copy, len, 0);
		kfree(copy);
	}
	return (int)n;
}

static const struct net_device_ops lo_ops = {.xmit = lo_xmit};
static struct net_device lo = {
	.name = "lo",
	.mtu = 65536,
	.type = ARPHRD_LOOPBACK,
	.ops = &lo_ops,
};

void netdev_init(void)
{
	spin_lock_init(&reg_lock, "netdev", LOCK_RANK_NONE);
	/* down until brought up, as on Linux; its link is always there */
	if (netdev_register(&lo))
		pr_err("net: cannot register lo\n");
	netdev_carrier(&lo, true);
	/* up from the start, as systemd and ifupdown bring it up at boot */
	if (netdev_open(&lo))
		pr_err("net: cannot bring lo up\n");
}
