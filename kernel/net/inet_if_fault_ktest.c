/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * KTAP suite `inet`: a driver fault under an interface.  This file links
 * before inet_if_ktest.c, so eth0 is not configured yet and eth4 (a NIC
 * `make ktest` attaches for this test) is the only device the stack sends
 * on: the injected fault is the next xmit of any NIC.  The fault fails
 * eth4's driver; its interface goes down, the stack and the other NICs go
 * on.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <kevlar_vfs/inet.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/vfs.h>
#include <platform/ktest.h>
#include "../fs/inject.h"
#include "inet_ktest.h"

#define IP4(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

static int arm(const char *spec)
{
	struct inject_spec sp;
	int r = inject_parse(spec, strlen(spec), &sp);

	return r ? r : inject_arm(&sp);
}

KTEST(inet, xmit_fault_takes_only_its_interface_down)
{
	struct vfs_sb *sb;
	struct inet_ifconf c = {.ifname = "eth4",
				.addr = IP4(10, 0, 4, 15),
				.netmask = IP4(255, 255, 255, 0),
				.gw = IP4(10, 0, 4, 2)};
	struct inet_iftest_arg a = {.ifname = "eth4", .dst = IP4(10, 0, 4, 2), .timeout_ms = 2000};
	struct inet_ifstate st;

	if (!CONFIG_RING2_CONTAIN) {
		ktest_skip(t, "no containment in this profile");
		return;
	}
	sb = inet_ktest_stack_on(t, "eth4");
	if (!sb)
		return;
	KTEST_EXPECT_EQ(t, inet_ifconfig(sb, &c), 0);
	KTEST_EXPECT_EQ(t, inet_ifstate(sb, "eth4", &st), 0);
	KTEST_EXPECT(t, st.up && st.link_up && st.addr == c.addr && st.gw == c.gw);
	KTEST_EXPECT_EQ(t, arm("virtio_net:xmit:1:gp"), 0);
	/* the ARP request (or any frame lwIP sent first) faults the driver */
	KTEST_EXPECT(t, inet_iftest(sb, INET_IFTEST_ARP, &a) != 0);
	inject_disarm_all();
	KTEST_EXPECT(t, netdev_by_name("eth4")->failed);
	KTEST_EXPECT_EQ(t, inet_ifstate(sb, "eth4", &st), 0);
	KTEST_EXPECT(t, !st.up && !st.link_up);
	KTEST_EXPECT_EQ(t, inet_ifconfig(sb, &c), -ENETDOWN);
	/* the stack goes on */
	KTEST_EXPECT(t, !sb->failed);
	KTEST_EXPECT_EQ(t, inet_selftest(sb, INET_TEST_PING4), 0);
	KTEST_EXPECT(t, !netdev_by_name("eth0")->failed);
}
