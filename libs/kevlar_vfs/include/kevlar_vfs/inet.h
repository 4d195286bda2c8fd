/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TCP/IP stack's protocol table: how ring 1 calls into the ring-2
 * service kevlar_inet (lwIP and its port, docs/architecture.md §18).  The
 * stack is an instance of the internal service type "inet" (fs_type.inet
 * points here); ring 1 calls these slots only through the dispatch
 * wrappers of kernel/fs/dispatch_inet.c, each call a contained crossing
 * (op "inet"): a fault in the stack gives -EIO and fails the instance.
 * The socket layer's AF_INET family will add its calls here (lwIP's raw
 * API under the core lock); today the table holds the stack's self-tests.
 */
#pragma once

#include <kevlar_vfs/types.h>

struct vfs_sb;

/* The self-tests of the port and the stack (KTAP suite `inet`). */
enum inet_selftest {
	INET_TEST_THREAD, /* the tcpip thread runs callbacks; sys_now advances */
	INET_TEST_SEM,	  /* semaphores: signalled, and timing out on time */
	INET_TEST_MBOX,	  /* mailboxes: order, full, timing out on time */
	INET_TEST_TCP4,	  /* 1 MiB each way over 127.0.0.1, checked, closed */
	INET_TEST_TCP6,	  /* the same over ::1 */
	INET_TEST_UDP4,	  /* datagrams over 127.0.0.1, checked, in order */
	INET_TEST_PING4,  /* an ICMP echo to 127.0.0.1 answered */
	INET_TEST_COUNT
};

struct inet_ops {
	/* Run one self-test: 0, or -errno with a line in the kernel log
	 * saying what failed (-EINVAL: no such test).  May sleep. */
	int (*selftest)(struct vfs_sb *sb, unsigned test);
};
