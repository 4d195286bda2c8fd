/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * KTAP suite `inet`: the TCP/IP stack (lwIP in the ring-2 service
 * kevlar_inet) inside Kevlar.  Each test runs one of the stack's
 * self-tests (kevlar_vfs/inet.h) through the contained gate, in any order.
 * The fault test that ends the suite is in inet_last_ktest.c (see there).
 */
#include <klib/errno.h>
#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include <kernel/inet.h>
#include <kernel/vfs.h>
#include <platform/ktest.h>
#include "../fs/contain.h"
#include "inet_ktest.h"

struct vfs_sb *inet_ktest_stack(struct ktest_ctx *t)
{
	struct vfs_sb *sb = inet_instance();

	KTEST_EXPECT(t, !IS_ERR(sb));
	return IS_ERR(sb) ? NULL : sb;
}

static void run(struct ktest_ctx *t, unsigned test)
{
	struct vfs_sb *sb = inet_ktest_stack(t);

	if (sb)
		KTEST_EXPECT_EQ(t, inet_selftest(sb, test), 0);
}

KTEST(inet, one_internal_instance)
{
	struct vfs_sb *sb = inet_ktest_stack(t);

	KTEST_EXPECT(t, sb == inet_instance());
	KTEST_EXPECT(t, sb && sb->service && !sb->failed);
	/* internal: mount(2) does not know it, a second instance is refused */
	KTEST_EXPECT_EQ(t, vfs_mount("inet", "inet", NULL, 0, 0, NULL), -ENODEV);
	KTEST_EXPECT(t, IS_ERR(vfs_kern_mount("inet")));
	if (sb)
		KTEST_EXPECT_EQ(t, inet_selftest(sb, INET_TEST_COUNT), -EINVAL);
	/* lwIP's memory (pools, pcbs, the mailbox) is charged to the instance */
	uint64_t objects = 0, pages = 0;
	unsigned faults = 0;

	if (sb && svc_instance_usage(sb, &objects, &pages, &faults))
		KTEST_EXPECT(t, objects > 0 && faults == 0);
}

KTEST(inet, tcpip_thread_runs)
{
	run(t, INET_TEST_THREAD);
}

KTEST(inet, semaphores_time_out)
{
	run(t, INET_TEST_SEM);
}

KTEST(inet, mailboxes_time_out)
{
	run(t, INET_TEST_MBOX);
}

KTEST(inet, tcp_1mib_each_way_127_0_0_1)
{
	run(t, INET_TEST_TCP4);
}

KTEST(inet, tcp_1mib_each_way_ipv6_loopback)
{
	run(t, INET_TEST_TCP6);
}

KTEST(inet, udp_datagrams_127_0_0_1)
{
	run(t, INET_TEST_UDP4);
}

KTEST(inet, icmp_echo_127_0_0_1)
{
	run(t, INET_TEST_PING4);
}
