/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_NETLINK sockets (kernel/netlink.h): SOCK_RAW and SOCK_DGRAM, one
 * datagram per message.  A socket has a port id (bind's nl_pid, or
 * autobind's: the process's tgid, then negative numbers as Linux), a
 * set of multicast groups, an optional default destination (connect),
 * and a receive queue bounded by SO_RCVBUF.  A send to port 0 is a
 * request to the kernel: each message in it goes to the protocol's
 * handler (netlink.h) and errors, or NLM_F_ACK, come back as an
 * NLMSG_ERROR ack, as Linux's netlink_rcv_skb does.  A send to another
 * port or group goes to those sockets of the same protocol.
 *
 * Locking: nl_table (a spinlock, a leaf) guards every socket's port
 * binding and the list of bound sockets; nl->lock (a leaf, never nested
 * with nl_table) guards the fields marked (l).  nl->rlock (a sleeping
 * mutex) serialises receivers, so a message peeked at stays on the queue
 * while it is copied out.  Wait predicates read (l) fields with READ_ONCE.
 * A netlink_sock is reference counted: the socket holds one, and so does
 * each sender in flight and each mq_notify registration; after release
 * (nl->sock NULL) messages for it are dropped.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <linux/poll.h>
#include <asm/socket.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/mutex.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/socket.h>
#include <kernel/waitqueue.h>
#include "netlink.h"

#define SOL_NETLINK	 270
#define NETLINK_PROTOS	 32   /* Linux's MAX_LINKS */
#define NL_SKB_OVERHEAD	 1152 /* charged per message beyond its data, near Linux's truesize */
#define NL_SEND_RESERVE	 32
#define NL_AUTOBIND_BASE (-4097)

#define NLF_PKTINFO	    0x1
#define NLF_BROADCAST_ERROR 0x2
#define NLF_NO_ENOBUFS	    0x4
#define NLF_LISTEN_ALL_NSID 0x8
#define NLF_CAP_ACK	    0x10
#define NLF_EXT_ACK	    0x20
#define NLF_STRICT_CHK	    0x40

/* The protocols socket() accepts. */
static const struct netlink_proto *const protos[NETLINK_PROTOS] = {
	[NETLINK_ROUTE] = &rtnetlink_proto,
};

struct netlink_sock {
	struct spinlock lock;
	struct waitqueue wq; /* readers, pollers, senders waiting for room */
	struct mutex rlock;  /* receivers */
	int refs;	     /* atomic */
	int protocol;
	const struct netlink_proto *proto;
	struct socket *sock;	      /* (l) NULL once released */
	struct nl_skb *head, *tail;   /* (l) the receive queue */
	size_t rmem;		      /* (l) truesize attached: queued or reserved */
	bool congested;		      /* (l) a kernel message was dropped; until drained */
	int err;		      /* (l) a pending error for recv (ENOBUFS) */
	uint32_t drops;		      /* (l) */
	uint32_t dst_portid, dst_grp; /* (l) connect's destination */
	uint64_t groups;	      /* (l) multicast memberships, bit g-1 for group g */
	unsigned flags;		      /* (l) NLF_* */
	/* the binding (nl_table) */
	bool bound;
	uint32_t portid;
	struct list_head link; /* in nl_bound while bound */
};

static struct spinlock nl_table = SPINLOCK_INIT("netlink_table", LOCK_RANK_NONE);
static LIST_HEAD(nl_bound);
static int32_t rover = NL_AUTOBIND_BASE; /* nl_table */

static struct netlink_sock *nl_sk(struct socket *s)
{
	return s->priv;
}

bool netlink_net_admin(void)
{
	return capable(CAP_NET_ADMIN);
}

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

static void nl_get(struct netlink_sock *nl)
{
	__atomic_add_fetch(&nl->refs, 1, __ATOMIC_RELAXED);
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
		if (!full_locked(nl)) {
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

/* ---- binding ---- */

/* The bound socket of `protocol` at `portid` (nl_table held). */
static struct netlink_sock *lookup_locked(int protocol, uint32_t portid)
{
	struct netlink_sock *nl;

	list_for_each_entry (nl, &nl_bound, link)
		if (nl->protocol == protocol && nl->portid == portid)
			return nl;
	return NULL;
}

/* Bind nl to `portid` (0: autobind); -EADDRINUSE, or -EINVAL when it is
 * already bound elsewhere.  0 if already bound there. */
static int bind_port(struct netlink_sock *nl, uint32_t portid)
{
	irqflags_t fl = spin_lock_irqsave(&nl_table);
	int err = 0;

	if (nl->bound) {
		err = portid && portid != nl->portid ? -EINVAL : 0;
		goto out;
	}
	if (!portid) {
		portid = (uint32_t)current_process()->pid;
		while (lookup_locked(nl->protocol, portid)) {
			portid = (uint32_t)rover;
			rover = rover == INT32_MIN ? NL_AUTOBIND_BASE : rover - 1;
		}
	} else if (lookup_locked(nl->protocol, portid)) {
		err = -EADDRINUSE;
		goto out;
	}
	nl->portid = portid;
	nl->bound = true;
	list_add_tail(&nl->link, &nl_bound);
out:
	spin_unlock_irqrestore(&nl_table, fl);
	return err;
}

static bool is_bound(struct netlink_sock *nl)
{
	return __atomic_load_n(&nl->bound, __ATOMIC_ACQUIRE);
}

/* Linux's sockaddr_nl. */
struct nl_addr {
	uint16_t family, pad;
	uint32_t pid, groups;
};

/* The group mask a message sent to group g shows in msg_name. */
static uint32_t group_mask(uint32_t g)
{
	return g && g <= 32 ? 1u << (g - 1) : 0;
}

static int nl_bind(struct socket *s, const void *addr, int len)
{
	struct netlink_sock *nl = nl_sk(s);
	struct nl_addr a;
	uint64_t groups;
	irqflags_t fl;
	int err;

	if (len < (int)sizeof(a))
		return -EINVAL;
	memcpy(&a, addr, sizeof(a));
	if (a.family != AF_NETLINK)
		return -EINVAL;
	groups = a.groups;
	if (groups && !netlink_net_admin())
		return -EPERM;
	if (nl->proto->ngroups < 64)
		groups &= ((uint64_t)1 << nl->proto->ngroups) - 1;
	if (is_bound(nl) && a.pid != nl->portid)
		return -EINVAL;
	err = bind_port(nl, a.pid);
	if (err)
		return err;
	fl = spin_lock_irqsave(&nl->lock);
	if (groups || (uint32_t)nl->groups)
		nl->groups = (nl->groups & ~(uint64_t)0xffffffffu) | groups;
	spin_unlock_irqrestore(&nl->lock, fl);
	return 0;
}

static int nl_connect(struct socket *s, const void *addr, int len, bool nonblock)
{
	struct netlink_sock *nl = nl_sk(s);
	struct nl_addr a = {0};
	irqflags_t fl;
	int err;

	if (len < (int)sizeof(a.family))
		return -EINVAL;
	memcpy(&a, addr, MIN((size_t)len, sizeof(a)));
	if (a.family == AF_UNSPEC) {
		fl = spin_lock_irqsave(&nl->lock);
		nl->dst_portid = nl->dst_grp = 0;
		spin_unlock_irqrestore(&nl->lock, fl);
		return 0;
	}
	if (a.family != AF_NETLINK || len < (int)sizeof(a))
		return -EINVAL;
	if ((a.groups || a.pid) && !netlink_net_admin())
		return -EPERM;
	err = bind_port(nl, 0);
	if (err)
		return err;
	fl = spin_lock_irqsave(&nl->lock);
	nl->dst_portid = a.pid;
	nl->dst_grp = a.groups ? (uint32_t)__builtin_ffs((int)a.groups) : 0;
	spin_unlock_irqrestore(&nl->lock, fl);
	return 0;
}

static int nl_getname(struct socket *s, void *addr, bool peer)
{
	struct netlink_sock *nl = nl_sk(s);
	struct nl_addr a = {.family = AF_NETLINK};
	irqflags_t fl;

	if (peer) {
		fl = spin_lock_irqsave(&nl->lock);
		a.pid = nl->dst_portid;
		a.groups = group_mask(nl->dst_grp);
		spin_unlock_irqrestore(&nl->lock, fl);
	} else {
		fl = spin_lock_irqsave(&nl_table);
		a.pid = nl->bound ? nl->portid : 0;
		spin_unlock_irqrestore(&nl_table, fl);
		fl = spin_lock_irqsave(&nl->lock);
		a.groups = (uint32_t)nl->groups;
		spin_unlock_irqrestore(&nl->lock, fl);
	}
	memcpy(addr, &a, sizeof(a));
	return (int)sizeof(a);
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

/* Deliver a copy of skb to every other socket of the protocol in group g
 * (Linux's netlink_broadcast; never waits, drops for full receivers). */
static void broadcast(struct netlink_sock *from, const struct nl_skb *skb, uint32_t exclude,
		      uint32_t g)
{
	struct netlink_sock *to;
	uint32_t next = 0; /* list positions already visited */

	for (;;) {
		struct netlink_sock *pick = NULL;
		struct nl_skb *copy;
		irqflags_t fl = spin_lock_irqsave(&nl_table);
		uint32_t i = 0;

		list_for_each_entry (to, &nl_bound, link) {
			if (i++ < next)
				continue;
			next = i;
			if (to->protocol == from->protocol && to->portid != exclude &&
			    (READ_ONCE(to->groups) >> (g - 1) & 1)) {
				pick = to;
				nl_get(pick);
				break;
			}
		}
		spin_unlock_irqrestore(&nl_table, fl);
		if (!pick)
			return;
		copy = nl_skb_alloc(skb->len);
		if (copy) {
			memcpy(copy, skb, offsetof(struct nl_skb, data) + skb->len);
			(void)netlink_unicast_kernel(pick, copy);
		}
		netlink_sock_put(pick);
	}
}

/* A user-to-user unicast: -ECONNREFUSED without a socket at the port
 * (or one connected elsewhere), else attach (waiting for room as Linux,
 * -EAGAIN when not to wait) and queue. */
static int user_unicast(struct netlink_sock *from, struct nl_skb *skb, uint32_t portid,
			bool nonblock, uint64_t deadline)
{
	struct netlink_sock *to;
	irqflags_t fl = spin_lock_irqsave(&nl_table);
	int err;

	to = lookup_locked(from->protocol, portid);
	if (to)
		nl_get(to);
	spin_unlock_irqrestore(&nl_table, fl);
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

static ssize_t nl_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock)
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
	err = bind_port(nl, 0);
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
	if (dst_grp)
		broadcast(nl, skb, dst_portid, dst_grp);
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

static ssize_t nl_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock)
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
		struct nl_addr a = {
			.family = AF_NETLINK, .pid = skb->portid, .groups = group_mask(skb->group)};

		memcpy(m->name, &a, sizeof(a));
		m->namelen = (int)sizeof(a);
	} else {
		m->namelen = 0;
	}
	if (READ_ONCE(nl->flags) & NLF_PKTINFO)
		sock_msg_put_cmsg(m, SOL_NETLINK, NETLINK_PKTINFO, &skb->group, sizeof(skb->group));
	if (READ_ONCE(s->passcred)) {
		struct ucred_k cr = {0};

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

/* ---- readiness, options, lifetime ---- */

static unsigned nl_poll(struct socket *s, unsigned events, struct poll_table *pt)
{
	struct netlink_sock *nl = nl_sk(s);
	unsigned mask = POLLOUT | POLLWRNORM | POLLWRBAND;
	irqflags_t fl;

	poll_wait(pt, &nl->wq);
	fl = spin_lock_irqsave(&nl->lock);
	if (nl->head)
		mask |= POLLIN | POLLRDNORM;
	if (nl->err)
		mask |= POLLERR;
	spin_unlock_irqrestore(&nl->lock, fl);
	return mask & (events | POLLERR | POLLHUP);
}

static unsigned flag_of(int name)
{
	switch (name) {
	case NETLINK_PKTINFO:
		return NLF_PKTINFO;
	case NETLINK_BROADCAST_ERROR:
		return NLF_BROADCAST_ERROR;
	case NETLINK_NO_ENOBUFS:
		return NLF_NO_ENOBUFS;
	case NETLINK_LISTEN_ALL_NSID:
		return NLF_LISTEN_ALL_NSID;
	case NETLINK_CAP_ACK:
		return NLF_CAP_ACK;
	case NETLINK_EXT_ACK:
		return NLF_EXT_ACK;
	case NETLINK_GET_STRICT_CHK:
		return NLF_STRICT_CHK;
	}
	return 0;
}

static int nl_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len)
{
	struct netlink_sock *nl = nl_sk(s);
	unsigned flag = flag_of(name);
	uint32_t v = 0;
	irqflags_t fl;

	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (len >= sizeof(v))
		memcpy(&v, val, sizeof(v)); /* shorter: 0, as Linux */
	if (name == NETLINK_ADD_MEMBERSHIP || name == NETLINK_DROP_MEMBERSHIP) {
		if (!netlink_net_admin())
			return -EPERM;
		if (!v || v - 1 >= nl->proto->ngroups)
			return -EINVAL;
		fl = spin_lock_irqsave(&nl->lock);
		if (name == NETLINK_ADD_MEMBERSHIP)
			nl->groups |= (uint64_t)1 << (v - 1);
		else
			nl->groups &= ~((uint64_t)1 << (v - 1));
		spin_unlock_irqrestore(&nl->lock, fl);
		return 0;
	}
	if (!flag)
		return -ENOPROTOOPT;
	if (flag == NLF_LISTEN_ALL_NSID && v && !capable(CAP_NET_BROADCAST))
		return -EPERM;
	fl = spin_lock_irqsave(&nl->lock);
	nl->flags = v ? nl->flags | flag : nl->flags & ~flag;
	spin_unlock_irqrestore(&nl->lock, fl);
	return 0;
}

static int nl_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len)
{
	struct netlink_sock *nl = nl_sk(s);
	unsigned flag = flag_of(name);
	irqflags_t fl;
	int v;

	if (level == SOL_SOCKET && name == SO_ERROR) {
		fl = spin_lock_irqsave(&nl->lock);
		v = nl->err;
		nl->err = 0;
		spin_unlock_irqrestore(&nl->lock, fl);
		goto out;
	}
	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (name == NETLINK_LIST_MEMBERSHIPS) {
		unsigned need = ((nl->proto->ngroups + 7) / 8 + 3) & ~3u;
		uint64_t g;
		unsigned pos;

		fl = spin_lock_irqsave(&nl->lock);
		g = nl->groups;
		spin_unlock_irqrestore(&nl->lock, fl);
		for (pos = 0; pos < need && *len - pos >= 4 && pos < 8; pos += 4) {
			uint32_t w = (uint32_t)(g >> (pos * 8));

			memcpy((uint8_t *)val + pos, &w, 4);
		}
		*len = need;
		return 0;
	}
	if (!flag)
		return -ENOPROTOOPT;
	if (*len < sizeof(int))
		return -EINVAL;
	v = (READ_ONCE(nl->flags) & flag) != 0;
out:
	*len = MIN(*len, (unsigned)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

static int nl_create(struct socket *s, int protocol)
{
	struct netlink_sock *nl;

	if (s->type != SOCK_RAW && s->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol < 0 || protocol >= NETLINK_PROTOS || !protos[protocol])
		return -EPROTONOSUPPORT;
	nl = kzalloc(sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	spin_lock_init(&nl->lock, "netlink", LOCK_RANK_NONE);
	wq_init(&nl->wq);
	mutex_init(&nl->rlock, "netlink_recv");
	list_init(&nl->link);
	nl->refs = 1;
	nl->protocol = protocol;
	nl->proto = protos[protocol];
	nl->sock = s;
	s->priv = nl;
	return 0;
}

static void nl_release(struct socket *s)
{
	struct netlink_sock *nl = nl_sk(s);
	struct nl_skb *q, *next;
	irqflags_t fl;

	if (!nl)
		return;
	s->priv = NULL;
	fl = spin_lock_irqsave(&nl_table);
	if (nl->bound)
		list_del(&nl->link);
	nl->bound = false;
	spin_unlock_irqrestore(&nl_table, fl);
	fl = spin_lock_irqsave(&nl->lock);
	nl->sock = NULL;
	q = nl->head;
	nl->head = nl->tail = NULL;
	for (struct nl_skb *skb = q; skb; skb = skb->next)
		nl->rmem -= skb->truesize;
	spin_unlock_irqrestore(&nl->lock, fl);
	for (; q; q = next) {
		next = q->next;
		nl_skb_free(q);
	}
	poll_wake(&nl->wq, POLLHUP);
	netlink_sock_put(nl);
}

/* ---- /proc/net/netlink ---- */

size_t netlink_proc_show(char *buf, size_t size)
{
	struct netlink_sock *nl;
	irqflags_t fl;
	size_t n;

	n = (size_t)snprintf(buf, size,
			     "sk               Eth Pid        Groups   Rmem     Wmem     "
			     "Dump  Locks    Drops    Inode\n");
	fl = spin_lock_irqsave(&nl_table);
	list_for_each_entry (nl, &nl_bound, link) {
		struct socket *s = READ_ONCE(nl->sock);

		if (n + 120 > size)
			break;
		n += (size_t)snprintf(
			buf + n, size - n,
			"%016llx %-3d %-10u %08x %-8d %-8d %-5d %-8d %-8u %-8llu\n", 0ull,
			nl->protocol, nl->portid, (unsigned)(uint32_t)READ_ONCE(nl->groups),
			(int)READ_ONCE(nl->rmem), 0, 0,
			__atomic_load_n(&nl->refs, __ATOMIC_RELAXED) + 1, READ_ONCE(nl->drops),
			s ? (unsigned long long)socket_ino(s) : 0ull);
	}
	spin_unlock_irqrestore(&nl_table, fl);
	return n;
}

const struct proto_ops netlink_ops = {
	.family = AF_NETLINK,
	.create = nl_create,
	.bind = nl_bind,
	.connect = nl_connect,
	.sendmsg = nl_sendmsg,
	.recvmsg = nl_recvmsg,
	.getname = nl_getname,
	.setsockopt = nl_setsockopt,
	.getsockopt = nl_getsockopt,
	.poll = nl_poll,
	.release = nl_release,
};
