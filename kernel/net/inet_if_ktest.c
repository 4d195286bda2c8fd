/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * KTAP suite `inet`, its interfaces on real devices (this file links
 * before inet_ktest.c and inet_last_ktest.c, whose last test fails the
 * stack).  `make ktest` attaches five virtio-net NICs, each on a QEMU
 * user network of its own with restrict=on (mk/test.mk): eth0 is
 * configured by lwIP's DHCP client and talks to slirp's gateway 10.0.2.2
 * (ICMP echo, ARP, a TFTP request over UDP, a TCP connection refused),
 * and /proc/net/dev's counters of eth0 move.  (inet_if_fault_ktest.c,
 * linked before, fails eth4's driver.)  Without the NICs (another QEMU
 * line) the tests skip.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <kevlar_vfs/inet.h>
#include <kernel/driver.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/vfs.h>
#include <platform/ktest.h>
#include "inet_ktest.h"

#define IP4(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#define GW	 IP4(10, 0, 2, 2)
#define DHCP_NS	 (30ull * 1000 * 1000 * 1000)
#define TFTP	 69
#define TCP_PORT 1 /* nothing listens there; slirp refuses it under restrict=on */

/* The stack, with eth0 configured by DHCP once when `ifname` is eth0
 * (NULL: skip, or a failed expectation). */
struct vfs_sb *inet_ktest_stack_on(struct ktest_ctx *t, const char *ifname)
{
	static int dhcp_result = 1; /* 1: not tried yet */
	struct vfs_sb *sb;

	if (!netdev_by_name(ifname) || !netdev_by_name(ifname)->drv) {
		ktest_skip(t, "no NIC (make ktest attaches eth0..eth4)");
		return NULL;
	}
	sb = inet_ktest_stack(t);
	if (!sb)
		return NULL;
	if (!strcmp(ifname, "eth0") && dhcp_result == 1) {
		struct inet_ifconf c = {.ifname = "eth0", .dhcp = true, .timeout_ns = DHCP_NS};

		dhcp_result = inet_ifconfig(sb, &c);
	}
	if (!strcmp(ifname, "eth0") && dhcp_result) {
		KTEST_EXPECT_EQ(t, dhcp_result, 0);
		return NULL;
	}
	return sb;
}

KTEST(inet, an_interface_per_ethernet_device)
{
	struct vfs_sb *sb = inet_ktest_stack_on(t, "eth1");
	struct net_device *dev = netdev_by_name("eth1");
	struct inet_ifstate st;
	/* fe80::5054:ff:fe12:3457 from eth1's MAC 52:54:00:12:34:57 */
	static const uint8_t ll[16] = {0xfe, 0x80, 0, 0,    0,	  0,	0,    0,
				       0x50, 0x54, 0, 0xff, 0xfe, 0x12, 0x34, 0x57};

	if (!sb)
		return;
	KTEST_EXPECT_EQ(t, inet_ifstate(sb, "eth1", &st), 0);
	KTEST_EXPECT(t, !memcmp(st.hwaddr, dev->addr, 6));
	KTEST_EXPECT_EQ(t, st.mtu, dev->mtu);
	KTEST_EXPECT(t, !memcmp(st.ip6_linklocal, ll, 16));
	/* not configured: down, as Linux leaves a new device */
	KTEST_EXPECT(t, !st.up && st.addr == 0);
	KTEST_EXPECT_EQ(t, inet_ifstate(sb, "lo", &st), -ENODEV);
	KTEST_EXPECT_EQ(t, inet_ifstate(sb, "nope0", &st), -ENODEV);
	struct inet_ifconf bad = {.ifname = "nope0", .dhcp = true};
	KTEST_EXPECT_EQ(t, inet_ifconfig(sb, &bad), -ENODEV);
}

KTEST(inet, dhcp_gives_10_0_2_15)
{
	struct vfs_sb *sb = inet_ktest_stack_on(t, "eth0");
	struct inet_ifstate st;

	if (!sb)
		return;
	KTEST_EXPECT_EQ(t, inet_ifstate(sb, "eth0", &st), 0);
	KTEST_EXPECT(t, st.dhcp && st.up && st.link_up);
	KTEST_EXPECT_EQ(t, st.addr, IP4(10, 0, 2, 15));
	KTEST_EXPECT_EQ(t, st.netmask, IP4(255, 255, 255, 0));
	/* the lease came from slirp's server at the gateway's address; under
	 * restrict=on slirp leaves the router (and DNS) options out of it, so
	 * there is no gateway, as Linux's DHCP client would have none */
	KTEST_EXPECT_EQ(t, st.dhcp_server, GW);
	KTEST_EXPECT_EQ(t, st.gw, 0);
}

/* The second number on eth0's line of /proc/net/dev (received packets) or
 * the tenth (sent packets). */
static unsigned long long proc_count(unsigned column)
{
	static char text[2048];
	size_t n = netdev_proc_show(text, sizeof(text) - 1);
	const char *p = text;
	unsigned long long v = 0;

	text[n] = '\0';
	while (*p && strncmp(p, "  eth0:", 7))
		p++;
	if (!*p)
		return 0;
	p += 7;
	for (unsigned c = 0; c < column; c++) {
		while (*p == ' ')
			p++;
		v = 0;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (unsigned long long)(*p++ - '0');
	}
	return v;
}

KTEST(inet, icmp_echo_to_the_gateway)
{
	struct vfs_sb *sb = inet_ktest_stack_on(t, "eth0");
	struct inet_iftest_arg a = {.ifname = "eth0", .dst = GW};
	unsigned long long rx, tx;

	if (!sb)
		return;
	rx = proc_count(2);
	tx = proc_count(10);
	KTEST_EXPECT_EQ(t, inet_iftest(sb, INET_IFTEST_PING, &a), 0);
	/* /proc/net/dev's counters of eth0 moved: the request and the reply */
	KTEST_EXPECT(t, proc_count(2) > rx);
	KTEST_EXPECT(t, proc_count(10) > tx);
}

/* The stack posts its receive buffers ahead (svc_netdev_post), so a frame
 * goes from the driver's buffer into the stack's in the interrupt, with
 * no slot and no second copy. */
KTEST(inet, received_frames_land_in_the_stacks_buffers)
{
	struct vfs_sb *sb = inet_ktest_stack_on(t, "eth0");
	struct inet_iftest_arg a = {.ifname = "eth0", .dst = GW};
	uint64_t direct, copied, direct2, copied2;

	if (!sb)
		return;
	inet_rx_counts(&direct, &copied);
	KTEST_EXPECT_EQ(t, inet_iftest(sb, INET_IFTEST_PING, &a), 0);
	inet_rx_counts(&direct2, &copied2);
	KTEST_EXPECT(t, direct2 > direct); /* at least the echo reply */
	KTEST_EXPECT_EQ(t, copied2, copied);
}

KTEST(inet, arp_resolves_the_gateway)
{
	struct vfs_sb *sb = inet_ktest_stack_on(t, "eth0");
	struct inet_iftest_arg a = {.ifname = "eth0", .dst = GW};
	static const uint8_t slirp_mac[6] = {0x52, 0x55, 10, 0, 2, 2};

	if (!sb)
		return;
	KTEST_EXPECT_EQ(t, inet_iftest(sb, INET_IFTEST_ARP, &a), 0);
	KTEST_EXPECT(t, !memcmp(a.mac, slirp_mac, 6));
	/* an address nobody has stays unresolved */
	a.dst = IP4(10, 0, 2, 77);
	a.timeout_ms = 1500;
	KTEST_EXPECT_EQ(t, inet_iftest(sb, INET_IFTEST_ARP, &a), -ETIMEDOUT);
}

KTEST(inet, udp_tftp_request_answered)
{
	struct vfs_sb *sb = inet_ktest_stack_on(t, "eth0");
	struct inet_iftest_arg a = {.ifname = "eth0", .dst = GW, .port = TFTP};

	if (!sb)
		return;
	KTEST_EXPECT_EQ(t, inet_iftest(sb, INET_IFTEST_UDP, &a), 0);
}

KTEST(inet, tcp_connect_refused_by_rst)
{
	struct vfs_sb *sb = inet_ktest_stack_on(t, "eth0");
	struct inet_iftest_arg a = {.ifname = "eth0", .dst = GW, .port = TCP_PORT};

	if (!sb)
		return;
	KTEST_EXPECT_EQ(t, inet_iftest(sb, INET_IFTEST_TCP_RST, &a), 0);
}
