/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_INET and AF_INET6 sockets (TCP and UDP) over the TCP/IP stack, the
 * ring-2 service kevlar_inet (docs/architecture.md §18).  This family
 * keeps the user ABI: it checks and converts the sockaddr_in/in6 layouts,
 * moves data between the user's buffers and a bounded kernel bounce
 * buffer (at most INET_CHUNK bytes a crossing), and does all the sleeping.
 * Each operation is one non-blocking attempt inside the stack, a
 * contained crossing (kernel/fs/dispatch_inet.c); on -EAGAIN a blocking
 * socket sleeps on its wait queue until the stack's upcall
 * (svc_sock_notify, from lwIP's callbacks in the tcpip thread) bumps the
 * socket's event count, then tries again.  The count is read before each
 * attempt, so a wake-up between the attempt and the sleep is never lost.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/poll.h>
#include <asm/socket.h>
#include <linux/capability.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <kernel/cred.h>
#include <kernel/inet.h>
#include <kernel/netdev.h>
#include <kernel/poll.h>
#include <kernel/socket.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>
#include "inet_sock.h"

#define INET_CHUNK	 65536 /* the bounce buffer: bytes moved per crossing */
#define INET_SMALL	 256   /* a bounce this small is on the stack, not kmalloc'd */
#define SIN6_LEN_RFC2133 24    /* the shortest sockaddr_in6 Linux takes */

static uint16_t port_in(__be16 p)
{
	return __builtin_bswap16((__force uint16_t)p);
}

static __be16 port_out(uint16_t p)
{
	return (__force __be16)__builtin_bswap16(p);
}

static unsigned linux_events(const struct socket *s, unsigned ev)
{
	if (ev & INET_POLLIN)
		ev |= POLLRDNORM;
	if (ev & INET_POLLOUT)
		ev |= POLLWRNORM | (stream(s) ? 0 : POLLWRBAND);
	return ev;
}

void svc_sock_notify(void *cookie, unsigned events)
{
	struct inet_sk *is = cookie;

	__atomic_add_fetch(&is->seq, 1, __ATOMIC_RELEASE);
	socket_wake(is->s, linux_events(is->s, events));
}

/* ---- waiting ---- */

struct inet_wait {
	struct inet_sk *is;
	unsigned seq;
};

static long inet_changed(void *arg)
{
	struct inet_wait *w = arg;

	return __atomic_load_n(&w->is->seq, __ATOMIC_ACQUIRE) != w->seq;
}

static unsigned inet_seq(struct inet_sk *is)
{
	return __atomic_load_n(&is->seq, __ATOMIC_ACQUIRE);
}

/* Sleep until the stack notifies after `seq`: 0, -ETIMEDOUT, or the
 * signal's error. */
static long inet_wait(struct inet_sk *is, unsigned seq, uint64_t deadline)
{
	struct inet_wait w = {.is = is, .seq = seq};

	return wq_sleep_signalable_deadline(&is->s->wq, inet_changed, &w, deadline);
}

/* `call`, one attempt in the stack (-EAGAIN: it would wait), made again
 * after each notification until it answers, the socket is non-blocking,
 * a signal comes, or the deadline passes (-EAGAIN, as Linux's timeouts). */
#define INET_RETRY(is, nonblock, deadline, call)            \
	({                                                  \
		long r_;                                    \
		for (;;) {                                  \
			unsigned seq_ = inet_seq(is);       \
			r_ = (call);                        \
			if (r_ != -EAGAIN || (nonblock))    \
				break;                      \
			r_ = inet_wait(is, seq_, deadline); \
			if (r_ == -ETIMEDOUT)               \
				r_ = -EAGAIN;               \
			if (r_ < 0)                         \
				break;                      \
		}                                           \
		r_;                                         \
	})

/* ---- addresses ---- */

int inet_addr_in(const struct socket *s, const void *addr, int len, struct inet_addr *a,
		 bool unspec_any)
{
	memset(a, 0, sizeof(*a));
	if (s->family == AF_INET) {
		struct sockaddr_in sin;

		if (len < (int)sizeof(sin))
			return -EINVAL;
		memcpy(&sin, addr, sizeof(sin));
		if (sin.sin_family != AF_INET &&
		    !(unspec_any && sin.sin_family == AF_UNSPEC && sin.sin_addr.s_addr == 0))
			return -EAFNOSUPPORT;
		a->family = INET_AF4;
		a->port = port_in(sin.sin_port);
		memcpy(a->addr, &sin.sin_addr, 4);
		return 0;
	} else {
		struct sockaddr_in6 sin6 = {};

		if (len < SIN6_LEN_RFC2133)
			return -EINVAL;
		memcpy(&sin6, addr, MIN((size_t)len, sizeof(sin6)));
		if (sin6.sin6_family != AF_INET6)
			return -EAFNOSUPPORT;
		a->family = INET_AF6;
		a->port = port_in(sin6.sin6_port);
		memcpy(a->addr, &sin6.sin6_addr, 16);
		return 0;
	}
}

int inet_addr_out(const struct inet_addr *a, void *out)
{
	if (a->family == INET_AF6) {
		struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6,
					    .sin6_port = port_out(a->port)};

		memcpy(&sin6.sin6_addr, a->addr, 16);
		memcpy(out, &sin6, sizeof(sin6));
		return sizeof(sin6);
	} else {
		struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = port_out(a->port)};

		memcpy(&sin.sin_addr, a->addr, 4);
		memcpy(out, &sin, sizeof(sin));
		return sizeof(sin);
	}
}

/* ---- lifetime ---- */

static struct inet_sk *isk_new(struct socket *s, struct vfs_sb *sb)
{
	struct inet_sk *is = kzalloc(sizeof(*is));

	if (is) {
		is->s = s;
		is->sb = sb;
		inet_opts_init(is);
	}
	return is;
}

static int inet_create(struct socket *s, int protocol)
{
	struct vfs_sb *sb;
	struct inet_sk *is;
	int err;

	if (s->type == SOCK_RAW ||
	    (s->type == SOCK_DGRAM && (protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6)))
		return inet_icmp_create(s, protocol); /* ping and raw: inet_icmp.c */
	if (s->type == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP))
		s->protocol = IPPROTO_TCP;
	else if (s->type == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP))
		s->protocol = IPPROTO_UDP;
	else if (s->type == SOCK_DGRAM && protocol == IPPROTO_UDPLITE)
		s->protocol = IPPROTO_UDPLITE;
	else if (s->type == SOCK_STREAM || s->type == SOCK_DGRAM)
		return -EPROTONOSUPPORT;
	else
		return -ESOCKTNOSUPPORT;
	sb = inet_instance();
	if (IS_ERR(sb))
		return (int)PTR_ERR(sb);
	is = isk_new(s, sb);
	if (!is)
		return -ENOMEM;
	err = inet_sock_new(sb, is, s->family == AF_INET6 ? INET_AF6 : INET_AF4, s->type, &is->k);
	if (err) {
		kfree(is);
		return err == -EOPNOTSUPP ? -EAFNOSUPPORT : err;
	}
	s->priv = is;
	if (s->protocol == IPPROTO_UDPLITE) {
		int one = 1;

		(void)inet_sock_opt(sb, is->k, INET_OPT_UDPLITE, true, &one);
	}
	if (!stream(s)) /* lwIP's multicast TTL default is not Linux's 1 */
		(void)inet_sock_params(sb, is->k, &is->o.par);
	return 0;
}

/* SO_LINGER on a TCP close: {1, 0} resets the connection; {1, n} waits
 * (at most n seconds, or a signal) until the peer acknowledged every byte. */
static void inet_linger(struct inet_sk *is)
{
	uint64_t deadline = time_ns() + (uint64_t)MAX(is->s->linger_secs, 0) * 1000000000ull;
	struct inet_query q;

	if (is->s->linger_secs <= 0) {
		is->o.par.linger0 = true;
		(void)inet_sock_params(is->sb, is->k, &is->o.par);
		return;
	}
	for (;;) {
		unsigned seq = inet_seq(is);

		if (inet_sock_query(is->sb, is->k, &q) || !q.outq ||
		    q.state != INET_TCP_ESTABLISHED)
			return;
		if (inet_wait(is, seq, deadline))
			return;
	}
}

static void inet_release(struct socket *s)
{
	struct inet_sk *is = isk(s);

	if (!is)
		return;
	if (stream(s) && s->linger_on)
		inet_linger(is);
	inet_sock_close(is->sb, is->k);
	kfree(is);
	s->priv = NULL;
}

/* ---- names and connections ---- */

/* SO_BINDTODEVICE: the stack sends and receives only through that
 * interface.  An index no device has is kept (as Linux keeps it): the
 * stack gets 0 and sends fail with ENODEV (inet_dev_gone). */
static int inet_bind_dev(struct socket *s, int ifindex)
{
	struct inet_sk *is = isk(s);
	int v = netdev_by_index(ifindex) ? ifindex : 0;

	return inet_sock_opt(is->sb, is->k, INET_OPT_BINDDEV, true, &v);
}

static bool inet_dev_gone(const struct socket *s)
{
	int ifindex = READ_ONCE(s->bound_dev_if);

	return ifindex && !netdev_by_index(ifindex);
}

static int inet_bind(struct socket *s, const void *addr, int len)
{
	struct inet_sk *is = isk(s);
	struct inet_addr a;
	int v = s->reuseaddr, err;

	err = inet_addr_in(s, addr, len, &a, s->family == AF_INET);
	if (err)
		return err;
	if (a.port && a.port < INET_UNPRIV_PORT_START && !capable(CAP_NET_BIND_SERVICE))
		return -EACCES; /* net.ipv4.ip_unprivileged_port_start */
	v = s->reuseport;
	err = inet_sock_opt(is->sb, is->k, INET_OPT_REUSEPORT, true, &v);
	v = s->reuseaddr || s->reuseport; /* lwIP's SOF_REUSEADDR lets both bind */
	err = err ?: inet_sock_opt(is->sb, is->k, INET_OPT_REUSEADDR, true, &v);
	return err ? err : inet_sock_bind(is->sb, is->k, &a);
}

static int inet_connect(struct socket *s, const void *addr, int len, bool nonblock)
{
	struct inet_sk *is = isk(s);
	uint64_t deadline;
	struct inet_addr a;
	unsigned seq;
	long r;
	int err, v = 0;

	if (len >= 2 && *(const uint16_t *)addr == AF_UNSPEC && !stream(s)) {
		a = (struct inet_addr){};
		return inet_sock_connect(is->sb, is->k, &a);
	}
	if (is->connect_pending) {
		r = inet_sock_poll(is->sb, is->k);
		if (r >= 0 && !(r & (INET_POLLOUT | INET_POLLERR | INET_POLLHUP)))
			return -EALREADY;
		is->connect_pending = false;
		goto finished;
	}
	err = inet_addr_in(s, addr, len, &a, false);
	if (err)
		return err;
	if (inet_dev_gone(s))
		return -ENODEV;
	err = inet_sock_connect(is->sb, is->k, &a);
	if (err != -EINPROGRESS)
		return err;
	is->connect_pending = stream(s);
	if (nonblock)
		return err;
	deadline = sock_deadline(s, true);
	for (;;) {
		seq = inet_seq(is);
		r = inet_sock_poll(is->sb, is->k);
		if (r < 0)
			return (int)r;
		if (r & (INET_POLLOUT | INET_POLLERR | INET_POLLHUP))
			break;
		r = inet_wait(is, seq, deadline);
		if (r == -ETIMEDOUT)
			return -EINPROGRESS;
		if (r < 0)
			return (int)r;
	}
	is->connect_pending = false;
finished:
	err = inet_sock_opt(is->sb, is->k, INET_OPT_ERROR, false, &v);
	return err ? err : -v;
}

static int inet_listen(struct socket *s, int backlog)
{
	struct inet_sk *is = isk(s);

	if (!stream(s))
		return -EOPNOTSUPP;
	return inet_sock_listen(is->sb, is->k, backlog);
}

static int inet_accept(struct socket *s, struct socket *ns, bool nonblock)
{
	struct inet_sk *is = isk(s), *nis;
	uint64_t deadline = sock_deadline(s, false);
	long r;

	if (!stream(s))
		return -EOPNOTSUPP;
	nis = isk_new(ns, is->sb);
	if (!nis)
		return -ENOMEM;
	r = INET_RETRY(is, nonblock, deadline, inet_sock_accept(is->sb, is->k, nis, &nis->k));
	if (r < 0) {
		kfree(nis);
		return (int)r;
	}
	nis->o = is->o; /* a child inherits its listener's options, as on Linux */
	nis->o.par.linger0 = false;
	ns->rcvbuf = READ_ONCE(s->rcvbuf); /* and its buffer sizes (sk_clone_lock) */
	ns->sndbuf = READ_ONCE(s->sndbuf);
	ns->protocol = s->protocol;
	ns->bound_dev_if = s->bound_dev_if; /* its pcb has the listener's too */
	ns->priv = nis;
	return 0;
}

static int inet_getname(struct socket *s, void *addr, bool peer)
{
	struct inet_sk *is = isk(s);
	struct inet_addr a;
	int err = inet_sock_getname(is->sb, is->k, peer, &a);

	return err ? err : inet_addr_out(&a, addr);
}

static int inet_shutdown(struct socket *s, int how)
{
	struct inet_sk *is = isk(s);

	return inet_sock_shutdown(is->sb, is->k, how);
}

/* ---- data ---- */

static ssize_t stream_send(struct inet_sk *is, struct sock_msg *m, uint8_t *buf, bool nonblock)
{
	uint64_t deadline = sock_deadline(is->s, true);
	unsigned fl = ((m->flags & MSG_MORE) || is->o.par.cork) ? INET_MSG_MORE : 0;
	size_t total = 0;
	long r = 0;

	while (m->done < m->len) {
		size_t n = MIN(m->len - m->done, (size_t)INET_CHUNK);

		if (sock_msg_get(m, buf, n)) {
			r = -EFAULT;
			break;
		}
		r = INET_RETRY(is, nonblock, deadline,
			       inet_sock_send(is->sb, is->k, buf, n, NULL, fl));
		if (r < 0) {
			m->done -= n;
			break;
		}
		m->done -= n - (size_t)r; /* the stack took r bytes: resend the rest */
		total += (size_t)r;
	}
	return total ? (ssize_t)total : (ssize_t)r;
}

static ssize_t dgram_send(struct inet_sk *is, struct sock_msg *m, uint8_t *buf)
{
	struct inet_addr to;
	int err;

	if (m->namelen) {
		err = inet_addr_in(is->s, m->name, m->namelen, &to, false);
		if (err)
			return err;
	}
	if (m->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->len > INET_CHUNK)
		return -EMSGSIZE;
	if (sock_msg_get(m, buf, m->len))
		return -EFAULT;
	if (m->controllen)
		return inet_send_with_cmsgs(is, m, buf, m->namelen ? &to : NULL);
	return inet_sock_send(is->sb, is->k, buf, m->len, m->namelen ? &to : NULL, 0);
}

/* The bounce for a message of `len` bytes: `small` (INET_SMALL bytes on
 * the caller's stack) when it fits, else kmalloc'd; NULL: no memory. */
static uint8_t *bounce_get(size_t len, uint8_t *small)
{
	len = MIN(MAX(len, (size_t)1), (size_t)INET_CHUNK);
	return len <= INET_SMALL ? small : kmalloc(len);
}

static void bounce_put(uint8_t *buf, uint8_t *small)
{
	if (buf != small)
		kfree(buf);
}

static ssize_t inet_sendmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct inet_sk *is = isk(s);
	uint8_t small[INET_SMALL];
	uint8_t *buf = bounce_get(m->len, small);
	ssize_t r;

	if (!buf)
		return -ENOMEM;
	nonblock |= (m->flags & MSG_DONTWAIT) != 0;
	if (inet_dev_gone(s) && !stream(s))
		r = -ENODEV;
	else if (stream(s))
		r = stream_send(is, m, buf, nonblock);
	else
		r = dgram_send(is, m, buf);
	bounce_put(buf, small);
	return r;
}

/* Copy r received bytes out (or skip them: MSG_TRUNC); a bad buffer
 * puts them back, as Linux loses no stream data to one. */
static int stream_put(struct inet_sk *is, struct sock_msg *m, uint8_t *buf, size_t r, bool peek,
		      bool discard)
{
	if (discard) {
		m->done += r;
		return 0;
	}
	if (!sock_msg_put(m, buf, r))
		return 0;
	if (!peek)
		(void)inet_sock_unrecv(is->sb, is->k, buf, r);
	return -EFAULT;
}

/* A receive filled its bounce buffer: take more of what the stack holds
 * now (the queue may pass INET_CHUNK), without waiting, as Linux's recv
 * returns all that is queued.  A peek goes on from where it got. */
static int stream_more(struct inet_sk *is, struct sock_msg *m, uint8_t *buf, size_t *total,
		       bool peek, bool discard)
{
	while (*total < m->len) {
		size_t n = MIN(m->len - *total, (size_t)INET_CHUNK);
		int r = inet_sock_read_queued(is->sb, is->k, buf, n, *total, peek);

		if (r <= 0)
			return 0;
		if (stream_put(is, m, buf, (size_t)r, peek, discard))
			return -EFAULT;
		*total += (size_t)r;
		if ((size_t)r < n)
			return 0;
	}
	return 0;
}

static ssize_t inet_recvmsg(struct socket *s, struct sock_msg *m, bool nonblock)
{
	struct inet_sk *is = isk(s);
	uint64_t deadline = sock_deadline(s, false);
	unsigned fl = (m->flags & MSG_PEEK) ? INET_MSG_PEEK : 0, seq;
	bool waitall = stream(s) && (m->flags & MSG_WAITALL) && !(m->flags & MSG_PEEK);
	bool discard = stream(s) && (m->flags & MSG_TRUNC) && !(m->flags & MSG_PEEK);
	size_t total = 0, full = 0;
	struct inet_addr from;
	uint8_t small[INET_SMALL];
	uint8_t *buf;
	long r = 0;

	if (m->flags & MSG_ERRQUEUE)
		return -EAGAIN; /* nothing ever queues an error (IP_RECVERR is stored only) */
	if ((m->flags & MSG_OOB) && stream(s))
		return -EINVAL; /* lwIP keeps no urgent data: never a mark to read */
	nonblock |= (m->flags & MSG_DONTWAIT) != 0;
	/* the stack copies at most len bytes of a datagram (its whole length
	 * comes back in `full`): no need for a 64 KiB buffer per receive */
	buf = bounce_get(m->len, small);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		size_t n = MIN(m->len - total, (size_t)INET_CHUNK);

		seq = inet_seq(is);
		r = inet_sock_recv(is->sb, is->k, buf, n, fl, &from, &full);
		if (r > 0 && stream(s)) {
			bool peek = fl & INET_MSG_PEEK;

			if (stream_put(is, m, buf, (size_t)r, peek, discard)) {
				r = -EFAULT;
				break;
			}
			total += (size_t)r;
			if ((size_t)r == n && stream_more(is, m, buf, &total, peek, discard)) {
				r = -EFAULT;
				break;
			}
			if (!waitall || total == m->len)
				break;
			continue;
		}
		if (r >= 0 && !stream(s)) {
			if (sock_msg_put(m, buf, (size_t)r)) {
				r = -EFAULT;
				break;
			}
			total += (size_t)r;
			break;
		}
		if (r == 0 || r != -EAGAIN || (total && !waitall) || nonblock)
			break;
		r = inet_wait(is, seq, deadline);
		if (r == -ETIMEDOUT)
			r = -EAGAIN;
		if (r < 0)
			break;
	}
	bounce_put(buf, small);
	if (stream(s)) {
		m->namelen = 0;
		return total ? (ssize_t)total : r;
	}
	if (r < 0)
		return r;
	m->namelen = m->want_name ? inet_addr_out(&from, m->name) : 0;
	inet_put_cmsgs(is, m);
	if (full > total)
		m->out_flags |= MSG_TRUNC;
	return (m->flags & MSG_TRUNC) ? (ssize_t)full : (ssize_t)total;
}

/* ---- options and readiness ---- */

static unsigned inet_poll(struct socket *s, unsigned events, struct poll_table *pt)
{
	struct inet_sk *is = isk(s);
	int mask;

	(void)events;
	poll_wait(pt, &s->wq);
	mask = inet_sock_poll(is->sb, is->k);
	if (mask < 0)
		return POLLERR | POLLHUP;
	return linux_events(s, (unsigned)mask);
}

/* One table per family (the layer takes a socket's family from it). */
#define INET_OPS                                                                                  \
	.create = inet_create, .bind = inet_bind, .connect = inet_connect, .listen = inet_listen, \
	.accept = inet_accept, .sendmsg = inet_sendmsg, .recvmsg = inet_recvmsg,                  \
	.shutdown = inet_shutdown, .getname = inet_getname, .setsockopt = inet_setsockopt,        \
	.getsockopt = inet_getsockopt, .poll = inet_poll, .release = inet_release,                \
	.ioctl = inet_ioctl, .bind_dev = inet_bind_dev

const struct proto_ops inet_ops = {INET_OPS, .family = AF_INET};
const struct proto_ops inet6_ops = {INET_OPS, .family = AF_INET6};
