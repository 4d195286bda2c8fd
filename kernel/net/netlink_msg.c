/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_NETLINK messages (netlink.h): each socket's receive queue, bounded
 * by SO_RCVBUF (a message is charged when attached, uncharged when read);
 * sending to the kernel (port 0: each message in the request goes to the
 * protocol's handler and errors, or NLM_F_ACK, come back as an
 * NLMSG_ERROR ack, as Linux's netlink_rcv_skb does), to another port and
 * to a group; receiving with MSG_PEEK, MSG_TRUNC and the cmsgs.  A kernel
 * message that finds its receiver full is dropped and the receiver's next
 * recv fails with ENOBUFS; a user sender waits for room instead.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/poll.h>
#include <asm/socket.h>
#include <platform/kmalloc.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include "netlink.h"

#define NL_SKB_OVERHEAD 1152 /* charged per message beyond its data, near Linux's truesize */
#define NL_SEND_RESERVE 32

/* ---- messages ---- */

struct nl_skb *nl_skb_alloc(size_t len)
{
	struct nl_skb *skb = kzalloc(offsetof(struct nl_skb, data) + (len ? len : 1));

	if (!skb)
		return NULL;
	skb->len = len;
	skb->truesize = ((len + 63) & ~(size_t)63) + NL_SKB_OVERHEAD;
	return skb;
}

void nl_skb_free(struct nl_skb *skb)
{
	kfree(skb);
}

void netlink_sock_put(struct netlink_sock *nl)
{
	struct nl_skb *skb, *next;

	if (!nl || __atomic_sub_fetch(&nl->refs, 1, __ATOMIC_ACQ_REL))
		return;
	for (skb = nl->head; skb; skb = next) {
		next = skb->next;
		nl_skb_free(skb);
	}
	kfree(nl);
}

int netlink_sock_get(struct file *f, struct netlink_sock **out)
{
	struct socket *s = socket_of(f);

	if (!s)
		return -ENOTSOCK;
	if (s->family != AF_NETLINK)
		return -EINVAL;
	nl_get(nl_sk(s));
	*out = nl_sk(s);
	return 0;
}

/* Is nl over its receive buffer (nl->lock held)? */
static bool full_locked(struct netlink_sock *nl)
{
	return nl->congested || (nl->sock && nl->rmem > (size_t)READ_ONCE(nl->sock->rcvbuf));
}

/* Wait predicate (the wait queue's lock held): room, or the socket gone.
 * nl->lock is a leaf, so it may be taken here; it keeps nl->sock (and
 * its rcvbuf) from being released under us. */
static long has_room(void *arg)
{
	struct netlink_sock *nl = arg;
	irqflags_t fl = spin_lock_irqsave(&nl->lock);
	bool room = !nl->sock || !full_locked(nl);

	spin_unlock_irqrestore(&nl->lock, fl);
	return room;
}

/* Attach, waiting for room until `deadline` unless nonblock: 0, -EAGAIN,
 * -ERESTARTSYS (the skb is freed on failure). */
static int attach(struct netlink_sock *nl, struct nl_skb *skb, bool nonblock, uint64_t deadline)
{
	irqflags_t fl;
	long r;

	for (;;) {
		fl = spin_lock_irqsave(&nl->lock);
		if (!nl->sock || !full_locked(nl)) { /* (closed: netlink_queue drops it) */
			nl->rmem += skb->truesize;
			spin_unlock_irqrestore(&nl->lock, fl);
			return 0;
		}
		spin_unlock_irqrestore(&nl->lock, fl);
		r = nonblock ? -EAGAIN
			     : wq_sleep_signalable_deadline(&nl->wq, has_room, nl, deadline);
		if (r < 0) {
			nl_skb_free(skb);
			return r == -ETIMEDOUT ? -EAGAIN : (int)r;
		}
	}
}

int netlink_attach(struct netlink_sock *nl, struct nl_skb *skb)
{
	return attach(nl, skb, false, 0);
}

void netlink_detach(struct netlink_sock *nl, struct nl_skb *skb)
{
	irqflags_t fl = spin_lock_irqsave(&nl->lock);

	nl->rmem -= skb->truesize;
	spin_unlock_irqrestore(&nl->lock, fl);
	nl_skb_free(skb);
	poll_wake(&nl->wq, POLLOUT);
}

void netlink_queue(struct netlink_sock *nl, struct nl_skb *skb)
{
	irqflags_t fl = spin_lock_irqsave(&nl->lock);

	if (!nl->sock) {
		nl->rmem -= skb->truesize;
		spin_unlock_irqrestore(&nl->lock, fl);
		nl_skb_free(skb);
		return;
	}
	skb->next = NULL;
	if (nl->tail)
		nl->tail->next = skb;
	else
		nl->head = skb;
	nl->tail = skb;
	spin_unlock_irqrestore(&nl->lock, fl);
	poll_wake(&nl->wq, POLLIN | POLLRDNORM);
}

int netlink_unicast_kernel(struct netlink_sock *nl, struct nl_skb *skb)
{
	irqflags_t fl = spin_lock_irqsave(&nl->lock);
	bool report = false;

	if (full_locked(nl)) {
		if (!(nl->flags & NLF_NO_ENOBUFS) && !nl->congested) {
			nl->congested = true;
			nl->err = ENOBUFS;
			report = true;
		}
		nl->drops++;
		spin_unlock_irqrestore(&nl->lock, fl);
		nl_skb_free(skb);
		if (report)
			poll_wake(&nl->wq, POLLERR);
		return -ENOBUFS;
	}
	nl->rmem += skb->truesize;
	spin_unlock_irqrestore(&nl->lock, fl);
	netlink_queue(nl, skb);
	return 0;
}

/* ---- requests to the kernel ---- */

/* Linux's netlink_ack: an NLMSG_ERROR for request h (err 0: success),
 * carrying the request's payload for an error unless NETLINK_CAP_ACK. */
static void send_ack(struct netlink_sock *nl, const struct nlmsghdr *h, int err)
{
	bool capped = !err || (READ_ONCE(nl->flags) & NLF_CAP_ACK);
	size_t inner = capped ? sizeof(*h) : h->nlmsg_len;
	size_t len = NLMSG_LENGTH(sizeof(int32_t) + inner);
	struct nl_skb *skb = nl_skb_alloc(NLMSG_ALIGN(len));
	struct nlmsghdr r = {.nlmsg_len = (uint32_t)len,
			     .nlmsg_type = NLMSG_ERROR,
			     .nlmsg_flags = capped ? NLM_F_CAPPED : 0,
			     .nlmsg_seq = h->nlmsg_seq,
			     .nlmsg_pid = nl->portid};
	int32_t e = err;

	if (!skb)
		return; /* as Linux: an ack that cannot be allocated is lost */
	skb->len = len;
	memcpy(skb->data, &r, sizeof(r));
	memcpy(skb->data + NLMSG_HDRLEN, &e, sizeof(e));
	memcpy(skb->data + NLMSG_HDRLEN + sizeof(e), h, inner);
	(void)netlink_unicast_kernel(nl, skb);
}

/* Each message of a request (Linux's netlink_rcv_skb): a short or
 * overlong header ends the walk silently. */
static void kernel_rcv(struct netlink_sock *nl, const uint8_t *data, size_t len)
{
	while (len >= NLMSG_HDRLEN) {
		struct nlmsghdr h;
		size_t msglen;
		int err = 0;

		memcpy(&h, data, sizeof(h));
		if (h.nlmsg_len < NLMSG_HDRLEN || len < h.nlmsg_len)
			return;
		if ((h.nlmsg_flags & NLM_F_REQUEST) && h.nlmsg_type >= NLMSG_MIN_TYPE)
			err = nl->proto->rcv_msg ? nl->proto->rcv_msg(nl, (const void *)data)
						 : -EOPNOTSUPP;
		if (err != -EINTR && (err || (h.nlmsg_flags & NLM_F_ACK)))
			send_ack(nl, (const void *)data, err);
		msglen = NLMSG_ALIGN(h.nlmsg_len);
		if (msglen > len)
			msglen = len;
		data += msglen;
		len -= msglen;
	}
}

/* ---- sending and receiving ---- */

/* Deliver a copy of skb to every socket of `protocol` in group g but the
 * one at port `exclude` and the sender `skip` (Linux's netlink_broadcast;
 * never waits, drops for full receivers). */
static void broadcast(int protocol, const struct nl_skb *skb, uint32_t exclude, uint32_t g,
		      const struct netlink_sock *skip)
{
	struct netlink_sock *to;
	uint32_t pos = 0;

	if (!g || g > 64)
		return;
	while ((to = netlink_next_member(protocol, g, exclude, skip, &pos))) {
		struct nl_skb *copy = nl_skb_alloc(skb->len);

		if (copy) {
			memcpy(copy, skb, offsetof(struct nl_skb, data) + skb->len);
			(void)netlink_unicast_kernel(to, copy);
		}
		netlink_sock_put(to);
	}
}

void netlink_broadcast_kernel(int protocol, uint32_t group, struct nl_skb *skb)
{
	skb->portid = 0;
	skb->group = group;
	skb->pid = 0;
	skb->uid = skb->gid = 0;
	broadcast(protocol, skb, 0, group, NULL);
	nl_skb_free(skb);
}

/* A user-to-user unicast: -ECONNREFUSED without a socket at the port
 * (or one connected elsewhere), else attach (waiting for room as Linux,
 * -EAGAIN when not to wait) and queue. */
static int user_unicast(struct netlink_sock *from, struct nl_skb *skb, uint32_t portid,
			bool nonblock, uint64_t deadline)
{
	struct netlink_sock *to = netlink_lookup(from->protocol, portid);
	irqflags_t fl;
	int err;

	if (!to) {
		nl_skb_free(skb);
		return -ECONNREFUSED;
	}
	fl = spin_lock_irqsave(&to->lock);
	err = to->dst_portid && to->dst_portid != from->portid ? -ECONNREFUSED : 0;
	spin_unlock_irqrestore(&to->lock, fl);
	if (err)
		nl_skb_free(skb);
	else
		err = attach(to, skb, nonblock, deadline);
	if (!err)
		netlink_queue(to, skb);
	netlink_sock_put(to);
	return err;
}

ssize_t netlink_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct netlink_sock *nl = nl_sk(s);
	uint32_t dst_portid, dst_grp;
	struct nl_skb *skb;
	irqflags_t fl;
	int err;

	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (!m->len)
		return -ENODATA;
	if (m->namelen) {
		struct nl_addr a;

		if (m->namelen < (int)sizeof(a))
			return -EINVAL;
		memcpy(&a, m->name, sizeof(a));
		if (a.family != AF_NETLINK)
			return -EINVAL;
		dst_portid = a.pid;
		dst_grp = a.groups ? (uint32_t)__builtin_ffs((int)a.groups) : 0;
		if ((dst_grp || dst_portid) && !netlink_net_admin())
			return -EPERM;
	} else {
		fl = spin_lock_irqsave(&nl->lock);
		dst_portid = nl->dst_portid;
		dst_grp = nl->dst_grp;
		spin_unlock_irqrestore(&nl->lock, fl);
	}
	err = netlink_bind_port(nl, 0);
	if (err)
		return err;
	if (m->len > (size_t)READ_ONCE(s->sndbuf) - NL_SEND_RESERVE)
		return -EMSGSIZE;
	skb = nl_skb_alloc(m->len);
	if (!skb)
		return -ENOBUFS;
	if (sock_msg_get(m, skb->data, m->len)) {
		nl_skb_free(skb);
		return -EFAULT;
	}
	skb->portid = nl->portid;
	skb->group = dst_grp;
	skb->pid = current_process()->pid;
	skb->uid = current_cred()->uid;
	skb->gid = current_cred()->gid;
	if (dst_grp)
		broadcast(nl->protocol, skb, dst_portid, dst_grp, nl);
	if (!dst_portid) {
		kernel_rcv(nl, skb->data, skb->len);
		nl_skb_free(skb);
		return (ssize_t)m->len;
	}
	err = user_unicast(nl, skb, dst_portid, nonblock, sock_deadline(s, true));
	return err ? err : (ssize_t)m->len;
}

static long readable(void *arg)
{
	struct netlink_sock *nl = arg;

	return READ_ONCE(nl->head) || READ_ONCE(nl->err);
}

/* Take the first message (or, peeking, point at it): 0, or the pending
 * error (cleared), or -EAGAIN (nl->rlock held). */
static int take(struct netlink_sock *nl, bool peek, struct nl_skb **out)
{
	irqflags_t fl = spin_lock_irqsave(&nl->lock);
	struct nl_skb *skb = nl->head;
	int err = 0;

	if (nl->err) {
		err = -nl->err;
		nl->err = 0;
	} else if (!skb) {
		err = -EAGAIN;
	} else if (!peek) {
		nl->head = skb->next;
		if (!nl->head) {
			nl->tail = NULL;
			nl->congested = false;
		}
		nl->rmem -= skb->truesize;
	}
	spin_unlock_irqrestore(&nl->lock, fl);
	*out = skb;
	if (!err && !peek)
		poll_wake(&nl->wq, POLLOUT);
	return err;
}

ssize_t netlink_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct netlink_sock *nl = nl_sk(s);
	bool peek = m->flags & MSG_PEEK;
	uint64_t deadline = nonblock ? 0 : sock_deadline(s, false);
	struct nl_skb *skb;
	size_t copied;
	ssize_t r;

	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	for (;;) {
		mutex_lock(&nl->rlock);
		r = take(nl, peek, &skb);
		if (r != -EAGAIN || nonblock)
			break;
		mutex_unlock(&nl->rlock); /* never sleep holding it */
		r = wq_sleep_signalable_deadline(&nl->wq, readable, nl, deadline);
		if (r < 0)
			return r == -ETIMEDOUT ? -EAGAIN : r;
	}
	if (r)
		goto out;
	copied = MIN(skb->len, m->len);
	if (copied < skb->len)
		m->out_flags |= MSG_TRUNC;
	r = sock_msg_put(m, skb->data, copied) ? -EFAULT : (ssize_t)copied;
	if (m->want_name) {
		struct nl_addr a = {.family = AF_NETLINK,
				    .pid = skb->portid,
				    .groups = netlink_group_mask(skb->group)};

		memcpy(m->name, &a, sizeof(a));
		m->namelen = (int)sizeof(a);
	} else {
		m->namelen = 0;
	}
	if (READ_ONCE(nl->flags) & NLF_PKTINFO)
		sock_msg_put_cmsg(m, SOL_NETLINK, NETLINK_PKTINFO, &skb->group, sizeof(skb->group));
	if (READ_ONCE(s->passcred)) {
		struct ucred_k cr = {.pid = skb->pid, .uid = skb->uid, .gid = skb->gid};

		sock_msg_put_cmsg(m, SOL_SOCKET, SCM_CREDENTIALS, &cr, sizeof(cr));
	}
	if (r >= 0 && (m->flags & MSG_TRUNC))
		r = (ssize_t)skb->len;
	if (!peek)
		nl_skb_free(skb);
out:
	mutex_unlock(&nl->rlock);
	return r;
}
