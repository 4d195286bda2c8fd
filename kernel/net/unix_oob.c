/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Out-of-band data on AF_UNIX stream sockets (kernel/net/unix.h), as
 * Linux's CONFIG_AF_UNIX_OOB: send(MSG_OOB) queues the last byte as an
 * skb of its own and points the receiver's u->oob at it (a newer one
 * demotes the older to ordinary data), raises SIGURG at the receiving
 * socket's owner (F_SETOWN) and makes it POLLPRI.  recv(MSG_OOB) reads
 * that byte ahead of the queue (EINVAL when there is none, or with
 * SO_OOBINLINE) and leaves the skb consumed where it was.
 *
 * The urgent byte is the mark: an ordinary read that has copied anything
 * stops before it; one that starts at it drops the byte (or, with
 * SO_OOBINLINE, reads it as data).  SIOCATMARK says whether the next
 * ordinary read starts at the mark.  A consumed skb left by recv(MSG_OOB)
 * is dropped by the next read that reaches it, and also stops a read
 * that has copied something, as on Linux; it keeps the socket POLLIN
 * (as Linux) but wakes no reader (u->consumed).
 *
 * Locking: u->oob and the queue are u->lock's.
 */
#include <klib/errno.h>
#include <linux/poll.h>
#include <platform/usercopy.h>
#include <kernel/socket.h>
#include "unix.h"

/* The skb after skb on u's queue, or NULL (u->lock held). */
static struct unix_skb *next_skb(struct unix_sock *u, struct unix_skb *skb)
{
	return skb->link.next == &u->queue ? NULL
					   : list_entry(skb->link.next, struct unix_skb, link);
}

static struct unix_skb *first_skb(struct unix_sock *u)
{
	return list_empty(&u->queue) ? NULL : list_first_entry(&u->queue, struct unix_skb, link);
}

/* Take skb off u's queue onto `done` (freed by the caller, unlocked). */
static void unlink_to(struct unix_sock *u, struct unix_skb *skb, struct list_head *done)
{
	if (skb->off == skb->len)
		WRITE_ONCE(u->consumed, u->consumed - 1);
	list_del(&skb->link);
	WRITE_ONCE(u->qlen, u->qlen - 1);
	list_add_tail(&skb->link, done);
}

void unix_oob_forget(struct unix_sock *u)
{
	WRITE_ONCE(u->oob, NULL);
	WRITE_ONCE(u->consumed, 0);
}

void unix_oob_set(struct unix_sock *u, struct unix_skb *skb)
{
	WRITE_ONCE(u->oob, skb);
}

bool unix_oob_pending(struct unix_sock *u)
{
	return READ_ONCE(u->oob) != NULL;
}

struct unix_skb *unix_oob_manage(struct socket *s, struct unix_sock *u, struct unix_skb *skb,
				 bool peek, size_t copied, struct list_head *done, bool *stop)
{
	bool inl = READ_ONCE(s->oobinline);

	if (skb->off == skb->len) { /* left by recv(MSG_OOB) */
		struct unix_skb *next = next_skb(u, skb);

		if (copied && (!u->oob || skb == u->oob)) {
			*stop = true;
			return NULL;
		}
		if (!peek)
			unlink_to(u, skb, done);
		skb = next;
		if (!skb)
			return NULL;
	}
	if (skb != u->oob)
		return skb;
	if (copied) {
		*stop = true;
		return NULL;
	}
	if (!peek) {
		WRITE_ONCE(u->oob, NULL);
		if (!inl) {
			unlink_to(u, skb, done);
			skb = first_skb(u);
		}
	} else if (!inl) {
		skb = next_skb(u, skb);
	}
	return skb;
}

ssize_t unix_oob_recv(struct socket *s, struct unix_sock *u, struct sock_msg *m)
{
	bool peek = m->flags & MSG_PEEK;
	struct unix_skb *skb, *prev = NULL;
	LIST_HEAD(done);
	int err = 0;

	mutex_lock(&u->lock);
	skb = u->oob;
	if (READ_ONCE(s->oobinline) || !skb) {
		mutex_unlock(&u->lock);
		return -EINVAL;
	}
	if (!peek) {
		WRITE_ONCE(u->oob, NULL);
		/* never two consumed skbs in a row */
		if (skb->link.prev != &u->queue) {
			prev = list_entry(skb->link.prev, struct unix_skb, link);
			if (prev->off == prev->len)
				unlink_to(u, prev, &done);
		}
	}
	if (m->len && sock_msg_put(m, skb->data + skb->len - 1, 1))
		err = -EFAULT;
	if (!peek) {
		skb->off = skb->len;
		WRITE_ONCE(u->consumed, u->consumed + 1);
	}
	mutex_unlock(&u->lock);
	while (!list_empty(&done)) {
		prev = list_first_entry(&done, struct unix_skb, link);
		list_del(&prev->link);
		unix_skb_free(prev);
	}
	if (err)
		return err;
	m->out_flags |= MSG_OOB;
	return 1;
}

int unix_oob_atmark(struct unix_sock *u, int __user *arg)
{
	struct unix_skb *head;
	int answ = 0;

	if (u->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	mutex_lock(&u->lock);
	head = first_skb(u);
	if (head && (head == u->oob ||
		     (head->off == head->len && (!u->oob || next_skb(u, head) == u->oob))))
		answ = 1;
	mutex_unlock(&u->lock);
	return put_user(answ, arg) ? -EFAULT : 0;
}
