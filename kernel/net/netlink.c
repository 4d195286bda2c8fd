/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_NETLINK sockets (kernel/netlink.h, netlink.h): SOCK_RAW and
 * SOCK_DGRAM, one datagram per message.  This file holds what a socket
 * is: its protocol (socket() takes those in `protos`), its port id
 * (bind's nl_pid, or autobind's: the process's tgid, then negative
 * numbers as Linux), its multicast groups, its default destination
 * (connect), its options, readiness, release, and /proc/net/netlink.
 * Messages are netlink_msg.c.  Locking is described in netlink.h.
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

#define NETLINK_PROTOS	 32 /* Linux's MAX_LINKS */
#define NL_AUTOBIND_BASE (-4097)

/* The protocols socket() accepts. */
static const struct netlink_proto *const protos[NETLINK_PROTOS] = {
	[NETLINK_ROUTE] = &rtnetlink_proto,
};

static struct spinlock nl_table = SPINLOCK_INIT("netlink_table", LOCK_RANK_NONE);
static LIST_HEAD(nl_bound);
static int32_t rover = NL_AUTOBIND_BASE; /* nl_table */

bool netlink_net_admin(void)
{
	return capable(CAP_NET_ADMIN);
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

struct netlink_sock *netlink_lookup(int protocol, uint32_t portid)
{
	irqflags_t fl = spin_lock_irqsave(&nl_table);
	struct netlink_sock *nl = lookup_locked(protocol, portid);

	if (nl)
		nl_get(nl);
	spin_unlock_irqrestore(&nl_table, fl);
	return nl;
}

struct netlink_sock *netlink_next_member(int protocol, uint32_t g, uint32_t exclude,
					 const struct netlink_sock *skip, uint32_t *pos)
{
	irqflags_t fl = spin_lock_irqsave(&nl_table);
	struct netlink_sock *nl, *pick = NULL;
	uint32_t i = 0;

	list_for_each_entry (nl, &nl_bound, link) {
		if (i++ < *pos)
			continue;
		*pos = i;
		if (nl->protocol == protocol && nl->portid != exclude && nl != skip &&
		    (READ_ONCE(nl->groups) >> (g - 1) & 1)) {
			pick = nl;
			nl_get(pick);
			break;
		}
	}
	spin_unlock_irqrestore(&nl_table, fl);
	return pick;
}

int netlink_bind_port(struct netlink_sock *nl, uint32_t portid)
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
	__atomic_store_n(&nl->bound, true, __ATOMIC_RELEASE); /* portid before bound */
	list_add_tail(&nl->link, &nl_bound);
out:
	spin_unlock_irqrestore(&nl_table, fl);
	return err;
}

/* May the caller join nl's multicast groups? */
static bool may_join(const struct netlink_sock *nl)
{
	return nl->proto->nonroot_recv || netlink_net_admin();
}

static bool is_bound(struct netlink_sock *nl)
{
	return __atomic_load_n(&nl->bound, __ATOMIC_ACQUIRE);
}

uint32_t netlink_group_mask(uint32_t g)
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
	if (groups && !may_join(nl))
		return -EPERM;
	if (nl->proto->ngroups < 64)
		groups &= ((uint64_t)1 << nl->proto->ngroups) - 1;
	if (is_bound(nl) && a.pid != nl->portid)
		return -EINVAL;
	err = netlink_bind_port(nl, a.pid);
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
	err = netlink_bind_port(nl, 0);
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
		a.groups = netlink_group_mask(nl->dst_grp);
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
		if (!may_join(nl))
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
	.sendmsg = netlink_sendmsg,
	.recvmsg = netlink_recvmsg,
	.getname = nl_getname,
	.setsockopt = nl_setsockopt,
	.getsockopt = nl_getsockopt,
	.poll = nl_poll,
	.release = nl_release,
};
