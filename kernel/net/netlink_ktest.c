/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of AF_NETLINK's kernel side (netlink.h): kernel messages
 * past SO_RCVBUF are dropped with one pending ENOBUFS that a recv
 * consumes, the buffer is charged by attach and given back by detach,
 * and a message queued to a closed socket is dropped, uncharged.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/ktest.h>
#include <kernel/socket.h>
#include "netlink.h"

/* A kernel message of 16 bytes with `tag` in its first byte. */
static int send_kernel(struct netlink_sock *nl, uint8_t tag)
{
	struct nl_skb *skb = nl_skb_alloc(16);

	if (!skb)
		return -ENOMEM;
	memset(skb->data, 0, 16);
	skb->data[0] = tag;
	return netlink_unicast_kernel(nl, skb);
}

/* recv of one message into buf without waiting: its length or -errno. */
static ssize_t recv_now(struct socket *s, uint8_t *buf, size_t len)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};
	struct sock_msg m = {.iov = &b, .iovcnt = 1, .len = len};

	return sock_recvmsg(s, &m, true);
}

KTEST(netlink, overflow_drops_with_one_enobufs)
{
	struct socket *s;
	struct netlink_sock *nl;
	uint8_t buf[64];
	int sent = 0, i;

	KTEST_EXPECT_EQ(t, socket_create(AF_NETLINK, SOCK_RAW, 0, &s), 0);
	nl = nl_sk(s);
	s->rcvbuf = SOCK_MIN_RCVBUF;
	for (i = 0; i < 10; i++)
		if (send_kernel(nl, (uint8_t)i) == 0)
			sent++;
	KTEST_EXPECT(t, sent > 0 && sent < 10);
	KTEST_EXPECT_EQ(t, nl->err, ENOBUFS);
	KTEST_EXPECT_EQ(t, (int)nl->drops, 10 - sent);
	/* the error first, once; then the messages kept, in order */
	KTEST_EXPECT_EQ(t, recv_now(s, buf, sizeof(buf)), -ENOBUFS);
	for (i = 0; i < sent; i++) {
		KTEST_EXPECT_EQ(t, recv_now(s, buf, sizeof(buf)), 16);
		KTEST_EXPECT_EQ(t, buf[0], i);
	}
	KTEST_EXPECT_EQ(t, recv_now(s, buf, sizeof(buf)), -EAGAIN);
	KTEST_EXPECT_EQ(t, (int)nl->rmem, 0);
	KTEST_EXPECT(t, !nl->congested);
	KTEST_EXPECT_EQ(t, send_kernel(nl, 99), 0);
	socket_discard(s);
}

KTEST(netlink, attach_detach_and_closed_receiver)
{
	struct socket *s;
	struct netlink_sock *nl;
	struct nl_skb *a = nl_skb_alloc(32), *b = nl_skb_alloc(32);
	size_t charged;

	KTEST_EXPECT(t, a && b);
	KTEST_EXPECT_EQ(t, socket_create(AF_NETLINK, SOCK_DGRAM, 0, &s), 0);
	nl = nl_sk(s);
	nl_get(nl); /* as mq_notify's registration holds it */
	KTEST_EXPECT_EQ(t, netlink_attach(nl, a), 0);
	charged = nl->rmem;
	KTEST_EXPECT(t, charged >= 32);
	KTEST_EXPECT_EQ(t, netlink_attach(nl, b), 0);
	netlink_detach(nl, a);
	KTEST_EXPECT_EQ(t, nl->rmem, charged);
	socket_discard(s); /* closed with b still attached */
	KTEST_EXPECT(t, nl->sock == NULL);
	netlink_queue(nl, b); /* dropped */
	KTEST_EXPECT_EQ(t, (int)nl->rmem, 0);
	KTEST_EXPECT(t, nl->head == NULL);
	netlink_sock_put(nl);
}

KTEST(netlink, kernel_broadcast_reaches_members_only)
{
	struct socket *in, *out;
	uint8_t buf[64];
	/* explicit ports: a kernel thread has no process to autobind to */
	struct nl_addr a = {
		.family = AF_NETLINK, .pid = 0x7ffffff0, .groups = 1u << 2}; /* group 3 */
	struct nl_skb *skb = nl_skb_alloc(16);

	KTEST_EXPECT(t, skb != NULL);
	KTEST_EXPECT_EQ(t, socket_create(AF_NETLINK, SOCK_RAW, 0, &in), 0);
	KTEST_EXPECT_EQ(t, socket_create(AF_NETLINK, SOCK_RAW, 0, &out), 0);
	KTEST_EXPECT_EQ(t, sock_bind(in, &a, (int)sizeof(a)), 0);
	a.groups = 0;
	a.pid++;
	KTEST_EXPECT_EQ(t, sock_bind(out, &a, (int)sizeof(a)), 0);
	memset(skb->data, 7, 16);
	netlink_broadcast_kernel(0, 3, skb);
	KTEST_EXPECT_EQ(t, recv_now(in, buf, sizeof(buf)), 16);
	KTEST_EXPECT_EQ(t, buf[0], 7);
	KTEST_EXPECT_EQ(t, recv_now(out, buf, sizeof(buf)), -EAGAIN);
	socket_discard(in);
	socket_discard(out);
}
