/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * KTAP suite `inet`, its last test: a fault in the stack during a call
 * fails the instance, the call gives -EIO, later calls too, and the
 * kernel goes on.  The instance stays failed for the rest of the boot
 * (lwIP cannot be restarted), so this test must run after every other
 * inet test: it has a file of its own, linked right after inet_ktest.c
 * (the Makefile links sources in name order, and each file's tests stay
 * together whatever order a compiler gives them within the file).
 * Where services are called directly the same fault is a panic (§12).
 */
#include <klib/errno.h>
#include <kevlar_vfs/inet.h>
#include <kevlar_vfs/service.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/waitqueue.h>
#include <platform/ktest.h>
#include <platform/time.h>
#include "../fs/contain.h"
#include "inet_ktest.h"

KTEST(inet, fault_fails_the_stack_not_the_kernel)
{
	struct vfs_sb *sb = inet_ktest_stack(t);

	if (!CONFIG_RING2_CONTAIN) {
		ktest_skip(t, "no containment in this profile");
		return;
	}
	if (!sb)
		return;
	svc_inject_next("inet", SVC_OP_INET, SVC_FAULT_PAGEFAULT);
	KTEST_EXPECT_EQ(t, inet_selftest(sb, INET_TEST_UDP4), -EIO);
	KTEST_EXPECT(t, READ_ONCE(sb->failed));
	KTEST_EXPECT_EQ(t, inet_selftest(sb, INET_TEST_THREAD), -EIO);
	KTEST_EXPECT(t, inet_instance() == sb);
	/* the stack's own thread (the tcpip thread, inside a crossing of the
	 * instance for its whole life) unwinds too, at its next service call */
	uint64_t until = time_ns() + 5000000000ull;

	while (READ_ONCE(sb->inside) && time_ns() < until)
		(void)sleep_signalable(time_ns() + 10000000ull);
	KTEST_EXPECT_EQ(t, READ_ONCE(sb->inside), 0);
	/* its receive thread detached it from the netdev layer as it unwound
	 * (with make ktest's NICs the stack had installed its handler) */
	netdev_rx_fn h = netdev_set_handler(NULL);

	KTEST_EXPECT(t, h == NULL);
	(void)netdev_set_handler(h);
}
