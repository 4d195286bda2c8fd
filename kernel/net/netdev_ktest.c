/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * KTAP suite `netdev`: the network-device layer.  The loopback device
 * gives frames back as sent: a frame in segments that split its checksum
 * field comes back whole with the sum the layer computed (checked by
 * summing it again), and the counters move.  Containment: an injected
 * fault in virtio-net's xmit (on eth2, which `make ktest` attaches for
 * it) fails that call with EIO, marks the device down for good (ENETDOWN
 * after), and the kernel and the other NICs go on; a fault in its
 * interrupt handler (eth3, made to receive an ARP reply) does the same.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <platform/ktest.h>
#include <platform/time.h>
#include <kernel/driver.h>
#include <kernel/netdev.h>
#include "../fs/inject.h"

static struct {
	struct net_device *dev;
	unsigned n;
	size_t len;
	unsigned flags;
	uint8_t buf[128];
} got;

static void keep(struct net_device *dev, const void *frame, size_t len, unsigned flags)
{
	if (dev != got.dev)
		return;
	got.n++;
	got.len = len;
	got.flags = flags;
	memcpy(got.buf, frame, MIN(len, sizeof(got.buf)));
}

KTEST(netdev, loopback_registered)
{
	struct net_device *lo = netdev_by_index(1);

	KTEST_EXPECT(t, lo && !strcmp(lo->name, "lo"));
	if (!lo)
		return;
	KTEST_EXPECT(t, netdev_by_name("lo") == lo);
	KTEST_EXPECT_EQ(t, lo->type, ARPHRD_LOOPBACK);
	KTEST_EXPECT_EQ(t, lo->mtu, 65536);
	KTEST_EXPECT(t, lo->flags & IFF_LOOPBACK);
	KTEST_EXPECT(t, lo->flags & IFF_UP); /* brought up at boot, as systemd and ifupdown do */
	KTEST_EXPECT(t, !netdev_by_name("nope0") && !netdev_by_index(0) && !netdev_by_index(-1));
}

KTEST(netdev, loopback_sums_in_software)
{
	struct net_device *lo = netdev_by_name("lo");
	uint8_t f[14 + 40];
	/* the field (bytes 20-21) split between the second and third segments */
	struct net_seg s[3] = {{f, 14}, {f + 14, 7}, {f + 21, sizeof(f) - 21}};
	struct net_frame fr = {
		.segs = s, .nsegs = 3, .flags = NETDEV_TX_CSUM, .csum_start = 14, .csum_offset = 6};
	struct net_stats a, b;
	netdev_rx_fn old;

	if (!lo)
		return;
	for (unsigned i = 0; i < sizeof(f); i++)
		f[i] = (uint8_t)(i * 29 + 3);
	f[20] = 0x12; /* a seed the sum must include, as a pseudo-header's */
	f[21] = 0x34;
	got.dev = lo;
	got.n = 0;
	old = netdev_set_handler(keep);
	netdev_stop(lo); /* up since boot (netdev_init); down, it sends nothing */
	KTEST_EXPECT_EQ(t, netdev_xmit(lo, &fr), -ENETDOWN);
	KTEST_EXPECT_EQ(t, netdev_open(lo), 0);
	netdev_get_stats(lo, &a);
	KTEST_EXPECT_EQ(t, netdev_xmit(lo, &fr), 0);
	netdev_get_stats(lo, &b);
	KTEST_EXPECT_EQ(t, got.n, 1);
	KTEST_EXPECT_EQ(t, got.len, sizeof(f));
	/* every byte but the field as sent */
	KTEST_EXPECT(t, !memcmp(got.buf, f, 20) && !memcmp(got.buf + 22, f + 22, sizeof(f) - 22));
	/* the seed stood for a pseudo-header the receiver adds back */
	KTEST_EXPECT_EQ(
		t,
		csum_fold(csum_add_bytes(csum_add_bytes(0, (const uint8_t[]){0x12, 0x34}, 2, false),
					 got.buf + 14, sizeof(f) - 14, false)),
		0);
	KTEST_EXPECT(t, got.buf[20] != 0x12 || got.buf[21] != 0x34);
	KTEST_EXPECT_EQ(t, b.tx_packets - a.tx_packets, 1);
	KTEST_EXPECT_EQ(t, b.rx_packets - a.rx_packets, 1);
	KTEST_EXPECT_EQ(t, b.tx_bytes - a.tx_bytes, sizeof(f));
	netdev_set_handler(old); /* lo stays up, as it was */
	got.dev = NULL;
}

/* An ARP request for 10.0.2.2 from 10.0.2.15 on `dev`. */
static int arp(struct net_device *dev)
{
	uint8_t f[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t body[] = {0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1};
	struct net_seg s = {f, sizeof(f)};
	struct net_frame fr = {.segs = &s, .nsegs = 1};

	memcpy(f + 6, dev->addr, 6);
	memcpy(f + 12, body, sizeof(body));
	memcpy(f + 22, dev->addr, 6);
	memcpy(f + 28, (const uint8_t[]){10, 0, 2, 15}, 4);
	memcpy(f + 38, (const uint8_t[]){10, 0, 2, 2}, 4);
	return netdev_xmit(dev, &fr);
}

static int arm(const char *spec)
{
	struct inject_spec sp;
	int r = inject_parse(spec, strlen(spec), &sp);

	return r ? r : inject_arm(&sp);
}

static struct net_device *nic_or_skip(struct ktest_ctx *t, const char *name)
{
	struct net_device *dev = netdev_by_name(name);

	if (!CONFIG_RING2_CONTAIN) {
		ktest_skip(t, "no containment in this profile");
		return NULL;
	}
	if (!dev || !dev->drv)
		ktest_skip(t, "no NIC for the containment test (make ktest attaches eth2, eth3)");
	return dev && dev->drv ? dev : NULL;
}

KTEST(netdev, xmit_fault_fails_the_device)
{
	struct net_device *dev = nic_or_skip(t, "eth2"), *other = netdev_by_name("eth0");
	struct net_stats st;

	if (!dev)
		return;
	KTEST_EXPECT_EQ(t, netdev_open(dev), 0);
	KTEST_EXPECT_EQ(t, arp(dev), 0); /* it works before */
	KTEST_EXPECT_EQ(t, arm("virtio_net:xmit:1:gp"), 0);
	KTEST_EXPECT_EQ(t, arp(dev), -EIO);
	KTEST_EXPECT(t, dev->failed && drv_failed(dev->drv));
	KTEST_EXPECT(t, !(dev->flags & (IFF_UP | IFF_RUNNING)) && !dev->carrier);
	KTEST_EXPECT_EQ(t, arp(dev), -ENETDOWN);
	KTEST_EXPECT_EQ(t, netdev_open(dev), -ENETDOWN);
	netdev_get_stats(dev, &st);
	KTEST_EXPECT_EQ(t, st.tx_errors, 1);
	KTEST_EXPECT_EQ(t, st.tx_packets, 1);
	/* another device of the same driver goes on */
	if (other) {
		KTEST_EXPECT_EQ(t, netdev_open(other), 0);
		KTEST_EXPECT_EQ(t, arp(other), 0);
	}
	inject_disarm_all();
}

KTEST(netdev, irq_fault_fails_the_device)
{
	struct net_device *dev = nic_or_skip(t, "eth3");
	uint64_t deadline = time_ns() + 5ull * 1000 * 1000 * 1000;

	if (!dev)
		return;
	KTEST_EXPECT_EQ(t, netdev_open(dev), 0);
	KTEST_EXPECT_EQ(t, arm("virtio_net:irq:1:pagefault"), 0);
	/* the reply (or the send's completion) interrupts: the handler faults */
	KTEST_EXPECT_EQ(t, arp(dev), 0);
	while (!READ_ONCE(dev->failed) && time_ns() < deadline)
		udelay(1000);
	KTEST_EXPECT(t, READ_ONCE(dev->failed));
	KTEST_EXPECT(t, drv_failed(dev->drv));
	KTEST_EXPECT_EQ(t, arp(dev), -ENETDOWN);
	inject_disarm_all();
}
