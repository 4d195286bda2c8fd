/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the AF_UNIX in-flight collector (unix_gc.c), on queues
 * built by hand (no process needed): a socket on its own queue and two
 * on each other's stay alive once closed, until a collection frees
 * them; one held by the test, or on the queue of one it holds, is left
 * alone, and goes when that last holder does.  The measure is the count
 * of live sockets.
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <kernel/file.h>
#include <kernel/socket.h>
#include "unix.h"

static struct file *sock_new(void)
{
	struct socket *s;

	if (socket_create(AF_UNIX, SOCK_DGRAM, 0, &s))
		return NULL;
	return socket_file(s, 0);
}

/* Put `what` in flight on `on`'s queue, as SCM_RIGHTS would. */
static int queue_file(struct file *on, struct file *what)
{
	struct unix_sock *u = unix_sk(socket_of(on));
	struct unix_skb *skb = kzalloc(UNIX_SKB_HDR);

	if (!skb || !(skb->fp = kmalloc(sizeof(*skb->fp)))) {
		kfree(skb);
		return -ENOMEM;
	}
	skb->fp[0] = file_get(what);
	skb->nfp = 1;
	mutex_lock(&u->lock);
	list_add_tail(&skb->link, &u->queue);
	WRITE_ONCE(u->qlen, u->qlen + 1);
	unix_inflight_add(skb);
	mutex_unlock(&u->lock);
	return 0;
}

KTEST(unix_gc, unreachable_cycles_go_reachable_ones_stay)
{
	struct file *a = sock_new(), *c = sock_new(), *x = sock_new(), *y = sock_new();
	struct file *h = sock_new(), *z = sock_new();
	int base = unix_count() - 6;

	if (!a || !c || !x || !y || !h || !z) {
		KTEST_EXPECT(t, !"setup");
		return;
	}
	KTEST_EXPECT_EQ(t, queue_file(a, a), 0); /* a on its own queue */
	KTEST_EXPECT_EQ(t, queue_file(c, c), 0); /* c too, but held below */
	KTEST_EXPECT_EQ(t, queue_file(x, y), 0); /* x and y on each other's */
	KTEST_EXPECT_EQ(t, queue_file(y, x), 0);
	KTEST_EXPECT_EQ(t, queue_file(z, z), 0); /* z on its own and on h's */
	KTEST_EXPECT_EQ(t, queue_file(h, z), 0);
	file_put(a);
	file_put(x);
	file_put(y);
	file_put(z);
	KTEST_EXPECT_EQ(t, unix_count(), base + 6); /* closing them released none */
	unix_gc();
	KTEST_EXPECT_EQ(t, unix_count(), base + 3); /* c, h, z */
	file_put(h);				    /* h's release drops z's copy and collects */
	KTEST_EXPECT_EQ(t, unix_count(), base + 1);
	file_put(c);
	KTEST_EXPECT_EQ(t, unix_count(), base + 1);
	unix_gc();
	KTEST_EXPECT_EQ(t, unix_count(), base);
}
