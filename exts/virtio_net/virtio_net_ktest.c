/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * KTAP suite `virtio_net`: virtio-net and the netdev layer against QEMU's
 * device on its user network (slirp, restrict=on: nothing leaves the
 * machine).  `make ktest` attaches four NICs (mk/test.mk): eth0 with
 * QEMU's defaults and the MAC 52:54:00:12:34:56, eth1 without indirect
 * descriptors, event index, merged buffers or MSI-X (MAC ...:57); eth2 and eth3
 * are the containment tests' (kernel/net/netdev_ktest.c).
 *
 * Each test installs a handler that keeps the frames of the device under
 * test, sends frames built here and waits (at most a few seconds) for the
 * answer slirp owes: an ARP reply from the gateway 10.0.2.2, a DHCPOFFER
 * of 10.0.2.15, an ICMP echo reply, a TFTP error from 10.0.2.2:69 (slirp
 * serves no files, and answers so).  Its bytes are checked.  Slirp drops
 * IPv4, ICMP and UDP packets whose checksums are wrong, so the checksum
 * tests fail if the offloaded sum is not filled in (shown by a control
 * frame with a wrong sum that gets no answer).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/if_arp.h>
#include <platform/ktest.h>
#include <platform/spinlock.h>
#include <platform/time.h>
#include <kernel/netdev.h>
#include <kernel/waitqueue.h>
#include "virtio_net.h"

#define CAP_FRAMES 64
#define CAP_BYTES  1600
#define WAIT_NS	   (5ull * 1000 * 1000 * 1000)

static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t gw_mac[6] = {0x52, 0x55, 10, 0, 2, 2}; /* slirp's for 10.0.2.2 */
static const uint8_t my_ip[4] = {10, 0, 2, 15}, gw_ip[4] = {10, 0, 2, 2};

/* ---- capture ---- */

static struct {
	struct spinlock lock;
	struct net_device *dev; /* frames of this device are kept */
	unsigned n;		/* frames seen (kept: the last CAP_FRAMES) */
	uint16_t len[CAP_FRAMES];
	uint8_t buf[CAP_FRAMES][CAP_BYTES];
	struct waitqueue wq;
	bool init;
} cap;

static void capture(struct net_device *dev, const void *frame, size_t len, unsigned flags)
{
	irqflags_t f;
	unsigned i;

	if (dev != cap.dev)
		return;
	f = spin_lock_irqsave(&cap.lock);
	i = cap.n++ % CAP_FRAMES;
	cap.len[i] = (uint16_t)MIN(len, (size_t)CAP_BYTES);
	memcpy(cap.buf[i], frame, cap.len[i]);
	spin_unlock_irqrestore(&cap.lock, f);
	wq_wake_all(&cap.wq);
}

/* Capture `dev`'s frames from now on, the device up. */
static int start(struct ktest_ctx *t, struct net_device *dev)
{
	if (!cap.init) {
		spin_lock_init(&cap.lock, "vnet-ktest", LOCK_RANK_TEST);
		wq_init(&cap.wq);
		cap.init = true;
	}
	cap.dev = dev;
	cap.n = 0;
	netdev_set_handler(capture);
	return netdev_open(dev);
}

static void stop(void)
{
	netdev_set_handler(NULL);
	cap.dev = NULL;
}

typedef bool (*match_fn)(const uint8_t *f, size_t len, void *arg);

struct waiting {
	unsigned seen;
};

static long changed(void *arg)
{
	struct waiting *w = arg;

	return READ_ONCE(cap.n) != w->seen;
}

/* Frames seen from `from` on that match, waiting until `want` of them
 * came or the time ran out (`ns` from now): how many matched. */
static unsigned wait_for(unsigned from, match_fn m, void *arg, unsigned want, uint64_t ns)
{
	uint64_t deadline = time_ns() + ns;
	unsigned found = 0, next = from;

	for (;;) {
		struct waiting w;
		irqflags_t f = spin_lock_irqsave(&cap.lock);

		if (cap.n - next > CAP_FRAMES) /* overwritten: count what is left */
			next = cap.n - CAP_FRAMES;
		for (; next != cap.n; next++) {
			unsigned i = next % CAP_FRAMES;

			found += m(cap.buf[i], cap.len[i], arg);
		}
		w.seen = cap.n;
		spin_unlock_irqrestore(&cap.lock, f);
		if (found >= want || time_ns() >= deadline)
			return found;
		wq_sleep_signalable_deadline(&cap.wq, changed, &w, deadline);
	}
}

/* ---- frames ---- */

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void eth_hdr(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
}

/* An ARP request from 10.0.2.15 for `ip`, 60 bytes. */
static size_t arp_request(uint8_t *f, const struct net_device *dev, const uint8_t *ip)
{
	memset(f, 0, 60);
	eth_hdr(f, bcast, dev->addr, 0x0806);
	put16(f + 14, ARPHRD_ETHER);
	put16(f + 16, 0x0800);
	f[18] = 6;
	f[19] = 4;
	put16(f + 20, ARPOP_REQUEST);
	memcpy(f + 22, dev->addr, 6);
	memcpy(f + 28, my_ip, 4);
	memcpy(f + 38, ip, 4);
	return 60;
}

struct arp_want {
	const struct net_device *dev;
	uint8_t sha[6];
};

/* slirp's answer: 10.0.2.2 is at gw_mac, to us */
static bool is_arp_reply(const uint8_t *f, size_t len, void *arg)
{
	struct arp_want *w = arg;

	if (len < 42 || get16(f + 12) != 0x0806 || get16(f + 20) != ARPOP_REPLY)
		return false;
	memcpy(w->sha, f + 22, 6);
	return !memcmp(f, w->dev->addr, 6) && get16(f + 14) == ARPHRD_ETHER &&
	       get16(f + 16) == 0x0800 && f[18] == 6 && f[19] == 4 && !memcmp(f + 28, gw_ip, 4) &&
	       !memcmp(f + 32, w->dev->addr, 6) && !memcmp(f + 38, my_ip, 4);
}

/* An IPv4 header of `total` bytes (with the header) from us to `dst`. */
static void ip_hdr(uint8_t *p, const uint8_t *src, const uint8_t *dst, uint8_t proto,
		   uint16_t total)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, total);
	put16(p + 4, 0x1234);
	p[8] = 64;
	p[9] = proto;
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dst, 4);
	put16(p + 10, csum_fold(csum_add_bytes(0, p, 20, false)));
}

static struct net_frame one(const struct net_seg *s, unsigned n)
{
	return (struct net_frame){.segs = s, .nsegs = n};
}

static int send(struct net_device *dev, const void *f, size_t len)
{
	struct net_seg s = {f, (uint32_t)len};
	struct net_frame fr = one(&s, 1);

	return netdev_xmit(dev, &fr);
}

static struct net_device *dev_or_skip(struct ktest_ctx *t, unsigned i)
{
	struct vnet *vn = vnet_dev(i);

	if (!vn)
		ktest_skip(t, "no virtio NIC (make ktest attaches four)");
	return vn ? &vn->ndev : NULL;
}

/* ---- tests ---- */

KTEST(virtio_net, probed_with_mac_and_features)
{
	struct vnet *a = vnet_dev(0), *b = vnet_dev(1);
	static const uint8_t mac0[6] = {0x52, 0x54, 0, 0x12, 0x34, 0x56};
	static const uint8_t mac1[6] = {0x52, 0x54, 0, 0x12, 0x34, 0x57};

	if (!dev_or_skip(t, 0) || !dev_or_skip(t, 1))
		return;
	KTEST_EXPECT(t, !strcmp(a->ndev.name, "eth0") && !strcmp(b->ndev.name, "eth1"));
	KTEST_EXPECT(t, !memcmp(a->ndev.addr, mac0, 6));
	KTEST_EXPECT(t, !memcmp(b->ndev.addr, mac1, 6));
	KTEST_EXPECT_EQ(t, a->ndev.ifindex, 2); /* lo is 1 */
	KTEST_EXPECT_EQ(t, a->ndev.type, ARPHRD_ETHER);
	KTEST_EXPECT_EQ(t, a->ndev.mtu, 1500);
	KTEST_EXPECT(t, netdev_by_name("eth0") == &a->ndev && netdev_by_index(2) == &a->ndev);
	KTEST_EXPECT(t, virtio_has(&a->vd, VIRTIO_F_VERSION_1));
	KTEST_EXPECT(t, a->rxq->indirect && a->rxq->event_idx && a->mrg);
	KTEST_EXPECT(t, !b->rxq->indirect && !b->rxq->event_idx && !b->mrg);
	KTEST_EXPECT(t, virtio_has(&a->vd, VIRTIO_NET_F_STATUS));
	KTEST_EXPECT(t, a->ndev.carrier && b->ndev.carrier);
	KTEST_EXPECT(t, a->vd.msix && !b->vd.msix); /* eth1: INTx and the ISR */
	/* QEMU's user network has no vnet header: no checksum offload */
	KTEST_EXPECT(t, !(a->ndev.features & NETDEV_F_TX_CSUM));
}

static void arp_round_trip(struct ktest_ctx *t, unsigned i)
{
	struct net_device *dev = dev_or_skip(t, i);
	struct arp_want w;
	uint8_t f[60];

	if (!dev)
		return;
	w.dev = dev;
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	KTEST_EXPECT(t, netdev_by_name(dev->name)->flags & 0x40); /* IFF_RUNNING */
	KTEST_EXPECT_EQ(t, send(dev, f, arp_request(f, dev, gw_ip)), 0);
	KTEST_EXPECT_EQ(t, wait_for(0, is_arp_reply, &w, 1, WAIT_NS), 1);
	KTEST_EXPECT(t, !memcmp(w.sha, gw_mac, 6));
	stop();
}

KTEST(virtio_net, arp_reply_from_gateway)
{
	arp_round_trip(t, 0);
}

KTEST(virtio_net, arp_reply_without_ring_features)
{
	arp_round_trip(t, 1);
}

/* DHCP: a DISCOVER gets slirp's OFFER of 10.0.2.15 */
#define DHCP_XID 0x4b564e31u

static bool is_offer(const uint8_t *f, size_t len, void *arg)
{
	const uint8_t *ip = f + 14, *udp = ip + 20, *b = udp + 8, *opt;

	if (len < 14 + 20 + 8 + 240 || get16(f + 12) != 0x0800 || ip[9] != 17 || get16(udp) != 67 ||
	    get16(udp + 2) != 68 || b[0] != 2)
		return false;
	if (get16(b + 4) != DHCP_XID >> 16 || get16(b + 6) != (DHCP_XID & 0xffff))
		return false;
	if (memcmp(b + 16, my_ip, 4) || memcmp(b + 28, ((struct arp_want *)arg)->dev->addr, 6))
		return false;
	for (opt = b + 240; opt + 2 < f + len && *opt != 255; opt += opt[0] ? 2 + opt[1] : 1) {
		if (opt[0] == 53 && opt[1] == 1)
			return opt[2] == 2; /* DHCPOFFER */
	}
	return false;
}

KTEST(virtio_net, dhcp_discover_gets_offer)
{
	struct net_device *dev = dev_or_skip(t, 0);
	static const uint8_t any[4] = {0, 0, 0, 0}, all[4] = {255, 255, 255, 255};
	struct arp_want w = {.dev = dev};
	uint8_t f[14 + 20 + 8 + 300];
	uint8_t *ip = f + 14, *udp = ip + 20, *b = udp + 8;

	if (!dev)
		return;
	memset(f, 0, sizeof(f));
	eth_hdr(f, bcast, dev->addr, 0x0800);
	ip_hdr(ip, any, all, 17, 20 + 8 + 300);
	put16(udp, 68);
	put16(udp + 2, 67);
	put16(udp + 4, 8 + 300); /* checksum 0: none (IPv4 allows it) */
	b[0] = 1;		 /* BOOTREQUEST */
	b[1] = 1;
	b[2] = 6;
	put16(b + 4, DHCP_XID >> 16);
	put16(b + 6, DHCP_XID & 0xffff);
	put16(b + 10, 0x8000); /* broadcast */
	memcpy(b + 28, dev->addr, 6);
	b[236] = 99, b[237] = 130, b[238] = 83, b[239] = 99; /* the magic cookie */
	b[240] = 53, b[241] = 1, b[242] = 1;		     /* DHCPDISCOVER */
	b[243] = 255;
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	KTEST_EXPECT_EQ(t, send(dev, f, sizeof(f)), 0);
	KTEST_EXPECT_EQ(t, wait_for(0, is_offer, &w, 1, WAIT_NS), 1);
	stop();
}

/* Many frames in one call: all answered, with few notifications. */
static void burst(struct ktest_ctx *t, unsigned i)
{
	enum { N = 48 };
	struct net_device *dev = dev_or_skip(t, i);
	struct vnet *vn = vnet_dev(i);
	struct arp_want w = {.dev = dev};
	static uint8_t f[N][60];
	struct net_seg segs[N];
	struct net_frame frames[N];
	uint64_t kicks;
	int sent = 0;

	if (!dev)
		return;
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	for (unsigned k = 0; k < N; k++) {
		segs[k] = (struct net_seg){f[k], (uint32_t)arp_request(f[k], dev, gw_ip)};
		frames[k] = one(&segs[k], 1);
	}
	kicks = READ_ONCE(vn->tx_kicks);
	for (unsigned tries = 0; sent < N && tries < 100; tries++) {
		int r = netdev_xmit_batch(dev, frames + sent, N - (unsigned)sent);

		if (r > 0)
			sent += r;
		else
			KTEST_EXPECT_EQ(t, r, -ENOBUFS);
	}
	KTEST_EXPECT_EQ(t, sent, N);
	/* frames go to the device XMIT_CHUNK (8) at a time, one notice each */
	KTEST_EXPECT(t, READ_ONCE(vn->tx_kicks) - kicks <= N / 8);
	KTEST_EXPECT_EQ(t, wait_for(0, is_arp_reply, &w, N, WAIT_NS), N);
	stop();
}

KTEST(virtio_net, burst_all_answered)
{
	burst(t, 0);
}

KTEST(virtio_net, burst_without_ring_features)
{
	burst(t, 1);
}

/* ICMP echo to 10.0.2.2, its checksum left to the device or the layer,
 * in three segments that split the checksum field itself. */
struct echo_want {
	uint16_t id, seq;
};

static bool is_echo_reply(const uint8_t *f, size_t len, void *arg)
{
	struct echo_want *w = arg;
	const uint8_t *ip = f + 14, *icmp = ip + 20;

	if (len < 14 + 20 + 8 + 32 || get16(f + 12) != 0x0800 || ip[9] != 1 ||
	    memcmp(ip + 12, gw_ip, 4) || memcmp(ip + 16, my_ip, 4) || icmp[0] != 0)
		return false;
	for (unsigned k = 0; k < 32; k++) {
		if (icmp[8 + k] != (uint8_t)(k * 7))
			return false;
	}
	/* the reply's own checksum is good */
	return get16(icmp + 4) == w->id && get16(icmp + 6) == w->seq &&
	       csum_fold(csum_add_bytes(0, icmp, 8 + 32, false)) == 0;
}

static unsigned echo(struct net_device *dev, uint16_t seq, bool offload, uint64_t ns)
{
	uint8_t f[14 + 20 + 8 + 32];
	uint8_t *ip = f + 14, *icmp = ip + 20;
	struct echo_want w = {0x4b56, seq};
	struct net_seg s[3] = {{f, 14 + 20 + 3}, {f + 37, 5}, {f + 42, sizeof(f) - 42}};
	struct net_frame fr = one(s, 3);
	unsigned from;

	eth_hdr(f, gw_mac, dev->addr, 0x0800);
	ip_hdr(ip, my_ip, gw_ip, 1, 20 + 8 + 32);
	memset(icmp, 0, 8);
	icmp[0] = 8; /* echo request; its checksum (bytes 2-3) stays 0 */
	put16(icmp + 4, w.id);
	put16(icmp + 6, w.seq);
	for (unsigned k = 0; k < 32; k++)
		icmp[8 + k] = (uint8_t)(k * 7);
	if (offload) {
		fr.flags = NETDEV_TX_CSUM;
		fr.csum_start = 14 + 20;
		fr.csum_offset = 2;
	}
	from = READ_ONCE(cap.n); /* the answer may come before xmit returns */
	if (netdev_xmit(dev, &fr))
		return 0;
	return wait_for(from, is_echo_reply, &w, 1, ns);
}

KTEST(virtio_net, icmp_echo_checksum_offloaded)
{
	struct net_device *dev = dev_or_skip(t, 0);

	if (!dev)
		return;
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	KTEST_EXPECT_EQ(t, echo(dev, 1, true, WAIT_NS), 1);
	/* the control: the same request with its checksum left 0 is dropped */
	KTEST_EXPECT_EQ(t, echo(dev, 2, false, WAIT_NS / 5), 0);
	KTEST_EXPECT_EQ(t, echo(dev, 3, true, WAIT_NS), 1);
	stop();
}

/* UDP with NEEDS_CSUM: a TFTP read request to 10.0.2.2:69, which slirp
 * answers with a TFTP error (it serves no files).  The checksum field
 * holds the pseudo-header's sum, as a stack leaves it for the device. */
static bool is_tftp_error(const uint8_t *f, size_t len, void *arg)
{
	const uint8_t *ip = f + 14, *udp = ip + 20;
	uint32_t s;

	if (len < 14 + 20 + 8 + 4 || get16(f + 12) != 0x0800 || ip[9] != 17 ||
	    memcmp(ip + 12, gw_ip, 4) || get16(udp) != 69 || get16(udp + 2) != 1069)
		return false;
	if (get16(udp + 6)) { /* its own checksum, when it has one */
		uint8_t ph[12];

		memcpy(ph, ip + 12, 8);
		ph[8] = 0;
		ph[9] = 17;
		memcpy(ph + 10, udp + 4, 2);
		s = csum_add_bytes(0, ph, sizeof(ph), false);
		if (csum_fold(csum_add_bytes(s, udp, get16(udp + 4), false)))
			return false;
	}
	return get16(udp + 8) == 5; /* ERROR */
}

static unsigned tftp_rrq(struct net_device *dev, bool offload)
{
	static const char rrq[] = "\0\001kevlar\0octet";
	uint8_t f[14 + 20 + 8 + sizeof(rrq)], ph[12];
	uint8_t *ip = f + 14, *udp = ip + 20;
	uint16_t ulen = 8 + sizeof(rrq);
	struct net_seg s = {f, sizeof(f)};
	struct net_frame fr = one(&s, 1);
	unsigned from;

	eth_hdr(f, gw_mac, dev->addr, 0x0800);
	ip_hdr(ip, my_ip, gw_ip, 17, 20 + ulen);
	put16(udp, 1069);
	put16(udp + 2, 69);
	put16(udp + 4, ulen);
	memcpy(udp + 8, rrq, sizeof(rrq));
	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = 17;
	put16(ph + 10, ulen);
	/* the pseudo-header's sum, folded, not complemented; a control
	 * without offload leaves it there: a wrong checksum */
	put16(udp + 6, (uint16_t)~csum_fold(csum_add_bytes(0, ph, sizeof(ph), false)));
	if (offload) {
		fr.flags = NETDEV_TX_CSUM;
		fr.csum_start = 14 + 20;
		fr.csum_offset = 6;
	}
	from = READ_ONCE(cap.n);
	if (netdev_xmit(dev, &fr))
		return 0;
	return wait_for(from, is_tftp_error, NULL, 1, offload ? WAIT_NS : WAIT_NS / 5);
}

KTEST(virtio_net, udp_checksum_offloaded)
{
	struct net_device *dev = dev_or_skip(t, 0);

	if (!dev)
		return;
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	KTEST_EXPECT_EQ(t, tftp_rrq(dev, true), 1);
	KTEST_EXPECT_EQ(t, tftp_rrq(dev, false), 0);
	stop();
}

/* ---- the layer's checks and its counters ---- */

KTEST(virtio_net, bad_frames_refused)
{
	struct net_device *dev = dev_or_skip(t, 0);
	static uint8_t big[1600];
	struct net_seg s = {big, 13};
	struct net_frame fr = one(&s, 1);

	if (!dev)
		return;
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	KTEST_EXPECT_EQ(t, netdev_xmit(dev, &fr), -EINVAL); /* shorter than a header */
	fr.nsegs = 0;
	KTEST_EXPECT_EQ(t, netdev_xmit(dev, &fr), -EINVAL);
	fr.nsegs = NETDEV_MAX_SEGS + 1;
	KTEST_EXPECT_EQ(t, netdev_xmit(dev, &fr), -EINVAL);
	s.len = 14 + 1500 + 4 + 1;
	fr.nsegs = 1;
	KTEST_EXPECT_EQ(t, netdev_xmit(dev, &fr), -EMSGSIZE);
	s.len = 60;
	fr.flags = NETDEV_TX_CSUM;
	fr.csum_start = 14;
	fr.csum_offset = 45; /* the sum would end past the frame */
	KTEST_EXPECT_EQ(t, netdev_xmit(dev, &fr), -EINVAL);
	fr.csum_start = 4; /* inside the Ethernet header */
	fr.csum_offset = 0;
	KTEST_EXPECT_EQ(t, netdev_xmit(dev, &fr), -EINVAL);
	netdev_stop(dev);
	fr.flags = 0;
	KTEST_EXPECT_EQ(t, netdev_xmit(dev, &fr), -ENETDOWN);
	KTEST_EXPECT(t, !(dev->flags & 0x1)); /* IFF_UP */
	KTEST_EXPECT_EQ(t, netdev_open(dev), 0);
	KTEST_EXPECT(t, dev->flags & 0x1);
	stop();
}

/* The 16 numbers after "<name>:" in /proc/net/dev's text. */
static bool proc_line(const char *text, const char *name, uint64_t v[16])
{
	char key[NETDEV_NAME_MAX + 2];
	const char *p;

	snprintf(key, sizeof(key), "%s:", name);
	for (p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		const char *q = p;

		while (*q == ' ')
			q++;
		if (strncmp(q, key, strlen(key)))
			continue;
		q += strlen(key);
		for (unsigned i = 0; i < 16; i++) {
			while (*q == ' ')
				q++;
			if (*q < '0' || *q > '9')
				return false;
			v[i] = 0;
			while (*q >= '0' && *q <= '9')
				v[i] = v[i] * 10 + (uint64_t)(*q++ - '0');
		}
		return *q == '\n';
	}
	return false;
}

KTEST(virtio_net, proc_net_dev_counts)
{
	static const char head[] =
		"Inter-|   Receive                                                |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed multicast|bytes    "
		"packets "
		"errs drop fifo colls carrier compressed\n";
	struct net_device *dev = dev_or_skip(t, 0);
	struct arp_want w = {.dev = dev};
	static char text[4096];
	uint64_t a[16], b[16];
	struct net_stats st;
	uint8_t f[60];
	unsigned seen;

	if (!dev)
		return;
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	netdev_proc_show(text, sizeof(text));
	KTEST_EXPECT(t, !strncmp(text, head, sizeof(head) - 1));
	KTEST_EXPECT(t, proc_line(text, "lo", a));
	KTEST_EXPECT(t, proc_line(text, "eth0", a));
	for (unsigned k = 0; k < 3; k++)
		KTEST_EXPECT_EQ(t, send(dev, f, arp_request(f, dev, gw_ip)), 0);
	KTEST_EXPECT_EQ(t, wait_for(0, is_arp_reply, &w, 3, WAIT_NS), 3);
	seen = READ_ONCE(cap.n);
	netdev_proc_show(text, sizeof(text));
	KTEST_EXPECT(t, proc_line(text, "eth0", b));
	netdev_get_stats(dev, &st);
	/* bytes, packets received; bytes, packets sent */
	KTEST_EXPECT_EQ(t, b[1] - a[1], seen);
	KTEST_EXPECT_EQ(t, b[9] - a[9], 3);
	KTEST_EXPECT_EQ(t, b[8] - a[8], 3 * 60);
	KTEST_EXPECT(t, b[0] - a[0] >= 3 * 42);
	KTEST_EXPECT_EQ(t, b[0], st.rx_bytes);
	KTEST_EXPECT_EQ(t, b[1], st.rx_packets);
	KTEST_EXPECT_EQ(t, b[2] - a[2], 0); /* errs */
	KTEST_EXPECT_EQ(t, b[10] - a[10], 0);
	stop();
}

/* What a device writes in the header is checked: a buffer shorter than
 * the header, num_buffers 0, or a frame over several buffers (dropped
 * with its other buffers) count as errors and reach no one. */
KTEST(virtio_net, bad_receive_buffers_counted)
{
	struct net_device *dev = dev_or_skip(t, 0);
	struct vnet *vn = vnet_dev(0);
	static char buf[VNET_HDR + 60];
	struct virtio_net_hdr_v1 *h = (struct virtio_net_hdr_v1 *)buf;
	struct net_stats a, b;

	if (!dev)
		return;
	KTEST_EXPECT(t, vn->mrg);
	KTEST_EXPECT_EQ(t, start(t, dev), 0);
	memset(buf, 0, sizeof(buf));
	arp_request((uint8_t *)buf + VNET_HDR, dev, gw_ip);
	netdev_get_stats(dev, &a);
	vnet_rx_frame(vn, buf, VNET_HDR - 1);
	h->num_buffers = 0;
	vnet_rx_frame(vn, buf, sizeof(buf));
	h->num_buffers = (__force __virtio16)3; /* this and the next two dropped */
	vnet_rx_frame(vn, buf, sizeof(buf));
	h->num_buffers = (__force __virtio16)1;
	vnet_rx_frame(vn, buf, sizeof(buf));
	vnet_rx_frame(vn, buf, sizeof(buf));
	KTEST_EXPECT_EQ(t, cap.n, 0);
	h->flags = VIRTIO_NET_HDR_F_DATA_VALID; /* GUEST_CSUM was not offered: ignored */
	vnet_rx_frame(vn, buf, sizeof(buf));
	netdev_get_stats(dev, &b);
	KTEST_EXPECT_EQ(t, cap.n, 1);
	KTEST_EXPECT_EQ(t, cap.len[0], 60);
	KTEST_EXPECT(t, !memcmp(cap.buf[0], buf + VNET_HDR, 60));
	KTEST_EXPECT_EQ(t, b.rx_length_errors - a.rx_length_errors, 1);
	KTEST_EXPECT_EQ(t, b.rx_frame_errors - a.rx_frame_errors, 2);
	KTEST_EXPECT_EQ(t, b.rx_errors - a.rx_errors, 3);
	KTEST_EXPECT_EQ(t, b.rx_packets - a.rx_packets, 1);
	stop();
}
