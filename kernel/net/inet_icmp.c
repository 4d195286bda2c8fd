/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Ping sockets (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP) and AF_INET6 with
 * IPPROTO_ICMPV6) and raw IP sockets (SOCK_RAW) over the TCP/IP stack's
 * raw PCBs (services/kevlar_inet/sock_icmp.c, inet_ops.raw_*).  AF_INET's
 * create (inet_sock.c) hands these types here; this file keeps the user
 * ABI: who may make one (ping: the caller's group in
 * net.ipv4.ping_group_range, else EACCES; raw: CAP_NET_RAW, else EPERM),
 * the sockaddr checks in Linux's order, and the control messages iputils
 * asks for (SO_TIMESTAMP(NS), IP_TTL, IP_TOS, IPV6_HOPLIMIT, IPV6_TCLASS).
 * ICMP6_FILTER is applied as datagrams are read.  No error queue: IP_RECVERR
 * is kept, MSG_ERRQUEUE finds the queue empty (EAGAIN).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/poll.h>
#include <linux/time_types.h>
#include <asm/socket.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <kevlar_vfs/service.h>
#include <kernel/clock.h>
#include <kernel/cred.h>
#include <kernel/inet.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/socket.h>
#include <kernel/waitqueue.h>
#include "inet_sock.h"

#define ICMP_MAX	 65535 /* the largest datagram a send takes */
#define SIN6_LEN_RFC2133 24
#define MSG_ERRQUEUE	 0x2000

/* net.ipv4.ping_group_range: Debian 12's (systemd's) "0 2147483647". */
static uint32_t ping_lo, ping_hi = 2147483647u;

void inet_ping_group_range(uint32_t *lo, uint32_t *hi)
{
	*lo = __atomic_load_n(&ping_lo, __ATOMIC_RELAXED);
	*hi = __atomic_load_n(&ping_hi, __ATOMIC_RELAXED);
}

int inet_set_ping_group_range(uint32_t lo, uint32_t hi)
{
	if (lo > 2147483647u || hi > 2147483647u)
		return -EINVAL;
	if (hi < lo) { /* Linux: an empty range is stored as "1 0" */
		lo = 1;
		hi = 0;
	}
	__atomic_store_n(&ping_lo, lo, __ATOMIC_RELAXED);
	__atomic_store_n(&ping_hi, hi, __ATOMIC_RELAXED);
	return 0;
}

/* Linux's ping_init_sock: the effective gid or a supplementary group in
 * the range. */
static bool ping_allowed(void)
{
	const struct cred *c = current_cred();
	uint32_t lo, hi;

	inet_ping_group_range(&lo, &hi);
	if (c->egid >= lo && c->egid <= hi)
		return true;
	for (uint64_t g = lo; g <= hi && hi - lo < 65536; g++)
		if (groups_contain(c->groups, (uint32_t)g))
			return true;
	return false;
}

struct icmp_sk {
	struct socket *s;
	struct vfs_sb *sb;
	struct inet_raw *r; /* the stack's half */
	unsigned seq;	    /* atomic: bumped by each upcall */
	bool ping, hdrincl;
	/* receive options (plain stores, read by recvmsg) */
	bool recvttl, recvtos, recverr, stamp, stamp_ns, recvhoplimit, recvtclass;
	bool recvhoplimit2292; /* RFC 2292's name: the cmsg keeps it (BusyBox ping6) */
	bool filtered;
	struct icmp6_filter filter; /* raw ICMPv6: types blocked */
};

static struct icmp_sk *ick(struct socket *s)
{
	return s->priv;
}

void svc_raw_notify(void *cookie, unsigned events)
{
	struct icmp_sk *ic = cookie;
	unsigned ev = events;

	__atomic_add_fetch(&ic->seq, 1, __ATOMIC_RELEASE);
	if (ev & INET_POLLIN)
		ev |= POLLRDNORM;
	socket_wake(ic->s, ev);
}

struct icmp_wait {
	struct icmp_sk *ic;
	unsigned seq;
};

static long icmp_changed(void *arg)
{
	struct icmp_wait *w = arg;

	return __atomic_load_n(&w->ic->seq, __ATOMIC_ACQUIRE) != w->seq;
}

/* ---- lifetime ---- */

static void icmp_release(struct socket *s)
{
	struct icmp_sk *ic = ick(s);

	if (!ic)
		return;
	inet_raw_close(ic->sb, ic->r);
	kfree(ic);
	s->priv = NULL;
}

static int icmp_bind(struct socket *s, const void *addr, int len)
{
	struct icmp_sk *ic = ick(s);
	struct inet_addr a;
	int err = inet_addr_in(s, addr, len, &a, s->family == AF_INET);

	if (!err && !ic->ping)
		a.port = 0;
	return err ? err : inet_raw_bind(ic->sb, ic->r, &a, false);
}

static int icmp_connect(struct socket *s, const void *addr, int len, bool nonblock)
{
	struct icmp_sk *ic = ick(s);
	struct inet_addr a;
	int err;

	(void)nonblock;
	if (len >= 2 && *(const uint16_t *)addr == AF_UNSPEC) {
		a = (struct inet_addr){};
		return inet_raw_bind(ic->sb, ic->r, &a, true);
	}
	err = inet_addr_in(s, addr, len, &a, false);
	return err ? err : inet_raw_bind(ic->sb, ic->r, &a, true);
}

static int icmp_getname(struct socket *s, void *addr, bool peer)
{
	struct icmp_sk *ic = ick(s);
	struct inet_addr a;
	int err = inet_raw_getname(ic->sb, ic->r, peer, &a);

	return err ? err : inet_addr_out(&a, addr);
}

/* ---- data ---- */

static ssize_t icmp_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct icmp_sk *ic = ick(s);
	struct inet_addr to;
	uint8_t *buf;
	ssize_t r;

	(void)nonblock;
	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->len > ICMP_MAX)
		return -EMSGSIZE;
	if (m->namelen) {
		/* a sendto needs a whole sockaddr_in/in6 (ping_v6_sendmsg too) */
		if (s->family == AF_INET6 && m->namelen < (int)sizeof(struct sockaddr_in6))
			return -EINVAL;
		r = inet_addr_in(s, m->name, m->namelen, &to, false);
		if (r)
			return r;
	}
	buf = kmalloc(MAX(m->len, (size_t)1));
	if (!buf)
		return -ENOMEM;
	if (sock_msg_get(m, buf, m->len))
		r = -EFAULT;
	else if (ic->hdrincl)
		r = -EOPNOTSUPP; /* IP_HDRINCL: not yet (docs/architecture.md §18) */
	else
		r = inet_raw_send(ic->sb, ic->r, buf, m->len, m->namelen ? &to : NULL);
	kfree(buf);
	return r;
}

static void put_stamp(struct icmp_sk *ic, struct sock_msg *m, uint64_t stamp)
{
	/* the arrival on the monotonic clock, as wall-clock time */
	int64_t real = clock_realtime_offset_ns() + (int64_t)stamp;

	if (ic->stamp_ns) {
		struct __kernel_old_timespec ts = {.tv_sec = real / 1000000000,
						   .tv_nsec = real % 1000000000};

		sock_msg_put_cmsg(m, SOL_SOCKET, SO_TIMESTAMPNS_OLD, &ts, sizeof(ts));
	} else if (ic->stamp) {
		struct __kernel_old_timeval tv = {.tv_sec = real / 1000000000,
						  .tv_usec = real % 1000000000 / 1000};

		sock_msg_put_cmsg(m, SOL_SOCKET, SO_TIMESTAMP_OLD, &tv, sizeof(tv));
	}
}

static void put_cmsgs(struct icmp_sk *ic, struct sock_msg *m, const struct inet_raw_info *in)
{
	int v;

	put_stamp(ic, m, in->stamp_ns);
	if (ic->s->family == AF_INET) {
		if (ic->recvttl) {
			v = in->ttl;
			sock_msg_put_cmsg(m, IPPROTO_IP, IP_TTL, &v, sizeof(v));
		}
		if (ic->recvtos)
			sock_msg_put_cmsg(m, IPPROTO_IP, IP_TOS, &in->tos, 1);
		return;
	}
	v = in->ttl;
	if (ic->recvhoplimit2292)
		sock_msg_put_cmsg(m, IPPROTO_IPV6, IPV6_2292HOPLIMIT, &v, sizeof(v));
	if (ic->recvhoplimit)
		sock_msg_put_cmsg(m, IPPROTO_IPV6, IPV6_HOPLIMIT, &v, sizeof(v));
	if (ic->recvtclass) {
		v = in->tos;
		sock_msg_put_cmsg(m, IPPROTO_IPV6, IPV6_TCLASS, &v, sizeof(v));
	}
}

/* ICMP6_FILTER: does the filter block a datagram starting with `type`? */
static bool blocked(const struct icmp_sk *ic, const uint8_t *buf, long n)
{
	uint8_t t;

	if (!ic->filtered || n < 1)
		return false;
	t = buf[0];
	return (ic->filter.data[t >> 5] >> (t & 31)) & 1;
}

static ssize_t icmp_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct icmp_sk *ic = ick(s);
	uint64_t deadline = sock_deadline(s, false);
	unsigned fl = (m->flags & MSG_PEEK) ? INET_MSG_PEEK : 0;
	struct inet_raw_info in;
	uint8_t *buf;
	long r;

	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->flags & MSG_ERRQUEUE)
		return -EAGAIN; /* no error queue (yet): always empty */
	buf = kmalloc(ICMP_MAX);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		struct icmp_wait w = {.ic = ic, .seq = __atomic_load_n(&ic->seq, __ATOMIC_ACQUIRE)};

		r = inet_raw_recv(ic->sb, ic->r, buf, ICMP_MAX, fl, &in);
		if (r >= 0 && blocked(ic, buf, r) && !fl)
			continue;
		if (r != -EAGAIN || nonblock)
			break;
		r = wq_sleep_signalable_deadline(&s->wq, icmp_changed, &w, deadline);
		if (r == -ETIMEDOUT)
			r = -EAGAIN;
		if (r < 0)
			break;
	}
	if (r >= 0) {
		size_t n = MIN((size_t)r, m->len);

		if (sock_msg_put(m, buf, n)) {
			r = -EFAULT;
		} else {
			m->namelen = m->want_name ? inet_addr_out(&in.from, m->name) : 0;
			if (in.full > n)
				m->out_flags |= MSG_TRUNC;
			put_cmsgs(ic, m, &in);
			r = (m->flags & MSG_TRUNC) ? (long)in.full : (long)n;
		}
	}
	kfree(buf);
	return r;
}

/* ---- options and readiness ---- */

static bool *bool_opt(struct icmp_sk *ic, int family, int level, int name)
{
	if (level == SOL_SOCKET && name == SO_TIMESTAMP_OLD)
		return &ic->stamp;
	if (level == SOL_SOCKET && name == SO_TIMESTAMPNS_OLD)
		return &ic->stamp_ns;
	if (family == AF_INET && level == IPPROTO_IP) {
		switch (name) {
		case IP_RECVTTL:
			return &ic->recvttl;
		case IP_RECVTOS:
			return &ic->recvtos;
		case IP_RECVERR:
			return &ic->recverr;
		case IP_HDRINCL:
			return ic->ping ? NULL : &ic->hdrincl;
		}
	}
	if (family == AF_INET6 && level == IPPROTO_IPV6) {
		switch (name) {
		case IPV6_RECVHOPLIMIT:
			return &ic->recvhoplimit;
		case IPV6_2292HOPLIMIT:
			return &ic->recvhoplimit2292;
		case IPV6_RECVTCLASS:
			return &ic->recvtclass;
		case IPV6_RECVERR:
			return &ic->recverr;
		}
	}
	return NULL;
}

static bool raw_icmp6(const struct socket *s, const struct icmp_sk *ic)
{
	return s->family == AF_INET6 && !ic->ping && s->protocol == IPPROTO_ICMPV6;
}

static int icmp_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len)
{
	struct icmp_sk *ic = ick(s);
	bool *b = bool_opt(ic, s->family, level, name);
	int v;

	if (level == IPPROTO_ICMPV6 && name == ICMPV6_FILTER && raw_icmp6(s, ic)) {
		memset(&ic->filter, 0, sizeof(ic->filter));
		memcpy(&ic->filter, val, MIN(len, (unsigned)sizeof(ic->filter)));
		ic->filtered = true;
		return 0;
	}
	if (!b)
		return -ENOPROTOOPT;
	if (len < sizeof(int)) {
		/* Linux's ip_setsockopt takes a single byte for its booleans */
		if (level != IPPROTO_IP || len < 1)
			return -EINVAL;
		v = *(const uint8_t *)val;
	} else {
		memcpy(&v, val, sizeof(v));
	}
	if (level == SOL_SOCKET && v) /* the two timestamp options exclude each other */
		ic->stamp = ic->stamp_ns = false;
	*b = v != 0;
	return 0;
}

static int icmp_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len)
{
	struct icmp_sk *ic = ick(s);
	bool *b = bool_opt(ic, s->family, level, name);
	int v;

	if (level == IPPROTO_ICMPV6 && name == ICMPV6_FILTER && raw_icmp6(s, ic)) {
		*len = MIN(*len, (unsigned)sizeof(ic->filter));
		memcpy(val, &ic->filter, *len);
		return 0;
	}
	if (level == SOL_SOCKET && name == SO_ERROR)
		v = 0;
	else if (b)
		v = *b;
	else
		return -ENOPROTOOPT;
	*len = MIN(*len, (unsigned)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}

static unsigned icmp_poll(struct socket *s, unsigned events, struct poll_table *pt)
{
	struct icmp_sk *ic = ick(s);
	int mask;

	(void)events;
	poll_wait(pt, &s->wq);
	mask = inet_raw_poll(ic->sb, ic->r);
	if (mask < 0)
		return POLLERR | POLLHUP;
	if (mask & INET_POLLIN)
		mask |= POLLRDNORM;
	if (mask & INET_POLLOUT)
		mask |= POLLWRNORM | POLLWRBAND;
	return (unsigned)mask;
}

#define ICMP_OPS                                                                         \
	.bind = icmp_bind, .connect = icmp_connect, .sendmsg = icmp_sendmsg,             \
	.recvmsg = icmp_recvmsg, .getname = icmp_getname, .setsockopt = icmp_setsockopt, \
	.getsockopt = icmp_getsockopt, .poll = icmp_poll, .release = icmp_release

static const struct proto_ops icmp_ops = {ICMP_OPS, .family = AF_INET};
static const struct proto_ops icmp6_ops = {ICMP_OPS, .family = AF_INET6};

/* ---- creation (AF_INET's and AF_INET6's create hand these types here) ---- */

int inet_icmp_create(struct socket *s, int protocol)
{
	bool v6 = s->family == AF_INET6;
	int icmp = v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	struct icmp_sk *ic;
	struct vfs_sb *sb;
	bool ping;
	int err;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	if (protocol > 255) /* MPTCP's 262: no raw socket of the stack's */
		return -EPROTONOSUPPORT;
	if (s->type == SOCK_DGRAM) {
		if (protocol != icmp)
			return -EPROTONOSUPPORT;
		ping = true;
	} else {
		if (protocol == 0)
			return -EPROTONOSUPPORT;
		if (!capable(CAP_NET_RAW))
			return -EPERM;
		ping = false;
	}
	if (ping && !ping_allowed())
		return -EACCES;
	sb = inet_instance();
	if (IS_ERR(sb))
		return (int)PTR_ERR(sb);
	ic = kzalloc(sizeof(*ic));
	if (!ic)
		return -ENOMEM;
	ic->s = s;
	ic->sb = sb;
	ic->ping = ping;
	ic->hdrincl = !v6 && protocol == IPPROTO_RAW;
	err = inet_raw_new(sb, ic, v6 ? INET_AF6 : INET_AF4, protocol, ping, &ic->r);
	if (err) {
		kfree(ic);
		return err == -EOPNOTSUPP ? -EAFNOSUPPORT : err;
	}
	s->protocol = protocol;
	s->priv = ic;
	s->ops = v6 ? &icmp6_ops : &icmp_ops;
	return 0;
}
