/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The stack's socket slots (kevlar_vfs/inet.h): each takes lwIP's core
 * lock and hands the socket to its protocol (sock_tcp.c, sock_udp.c).
 * Also the helpers both share: addresses between the rings' form and
 * lwIP's, which addresses are this host's, lwIP's errors as errnos.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "lwip/ip6_addr.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"
#include "inet.h"
#include "sock.h"

struct inet_sock *inet_sock_alloc(int family, int type)
{
	struct inet_sock *k = svc_alloc(kevlar_inet_cap(), sizeof(*k));

	if (!k)
		return NULL;
	k->family = family;
	k->type = type;
	k->local.family = (uint16_t)family;
	return k;
}

void inet_sock_free(struct inet_sock *k)
{
	svc_free(kevlar_inet_cap(), k);
}

void inet_sock_wake(struct inet_sock *k, unsigned events)
{
	if (k->cookie)
		svc_sock_notify(k->cookie, events);
}

void inet_to_ip(const struct inet_addr *a, ip_addr_t *ip)
{
	memset(ip, 0, sizeof(*ip));
	if (a->family == INET_AF6) {
		memcpy(ip_2_ip6(ip)->addr, a->addr, 16);
		IP_SET_TYPE_VAL(*ip, IPADDR_TYPE_V6);
	} else {
		memcpy(&ip_2_ip4(ip)->addr, a->addr, 4);
		IP_SET_TYPE_VAL(*ip, IPADDR_TYPE_V4);
	}
}

static bool v4mapped(const struct inet_addr *a)
{
	static const uint8_t prefix[12] = {[10] = 0xff, [11] = 0xff};

	return a->family == INET_AF6 && !memcmp(a->addr, prefix, 12);
}

void inet_sock_ip(const struct inet_sock *k, const struct inet_addr *a, ip_addr_t *ip)
{
	static const uint8_t zero[16];

	if (v4mapped(a) && !k->v6only) {
		memset(ip, 0, sizeof(*ip));
		memcpy(&ip_2_ip4(ip)->addr, a->addr + 12, 4);
		IP_SET_TYPE_VAL(*ip, IPADDR_TYPE_V4);
	} else if (a->family == INET_AF6 && !k->v6only && !memcmp(a->addr, zero, 16)) {
		*ip = *IP_ANY_TYPE;
	} else {
		inet_to_ip(a, ip);
	}
}

void inet_from_ip(int family, const ip_addr_t *ip, uint16_t port, struct inet_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = (uint16_t)family;
	a->port = port;
	if (!ip)
		return;
	if (IP_IS_ANY_TYPE_VAL(*ip))
		return;
	if (family == INET_AF6 && IP_IS_V6(ip)) {
		memcpy(a->addr, ip_2_ip6(ip)->addr, 16);
	} else if (family == INET_AF6) {
		/* an IPv4 peer of a dual-stack socket: ::ffff:a.b.c.d */
		a->addr[10] = a->addr[11] = 0xff;
		memcpy(a->addr + 12, &ip_2_ip4(ip)->addr, 4);
	} else if (family == INET_AF4 && IP_IS_V4(ip))
		memcpy(a->addr, &ip_2_ip4(ip)->addr, 4);
}

int inet_addr_local(const struct inet_addr *a)
{
	static const uint8_t zero[16];
	ip_addr_t ip;
	struct netif *n;

	if (!memcmp(a->addr, zero, a->family == INET_AF6 ? 16 : 4))
		return 0;
	if ((a->family == INET_AF4 && a->addr[0] == 127) || (v4mapped(a) && a->addr[12] == 127))
		return 0; /* the whole of 127/8 is the loopback's, as on Linux */
	if (v4mapped(a)) {
		struct inet_addr v4 = {.family = INET_AF4};

		memcpy(v4.addr, a->addr + 12, 4);
		inet_to_ip(&v4, &ip);
	} else {
		inet_to_ip(a, &ip);
	}
	NETIF_FOREACH(n)
	{
		if (IP_IS_V4(&ip) && ip4_addr_cmp(ip_2_ip4(&ip), netif_ip4_addr(n)))
			return 0;
		if (IP_IS_V6(&ip) && netif_get_ip6_addr_match(n, ip_2_ip6(&ip)) >= 0)
			return 0;
	}
	return -EADDRNOTAVAIL;
}

int inet_errno(int e)
{
	switch (e) {
	case ERR_OK:
		return 0;
	case ERR_MEM:
	case ERR_BUF:
		return -ENOBUFS;
	case ERR_RTE:
		return -ENETUNREACH;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_ISCONN:
		return -EISCONN;
	case ERR_ALREADY:
	case ERR_INPROGRESS:
		return -EALREADY;
	case ERR_CONN:
		return -ENOTCONN;
	case ERR_RST:
		return -ECONNRESET;
	case ERR_ABRT:
		return -ECONNABORTED;
	case ERR_TIMEOUT:
		return -ETIMEDOUT;
	default:
		return -EINVAL;
	}
}

/* ---- the slots ---- */

#define TCP(k) ((k)->type == 1)

int kevlar_inet_sock_new(struct vfs_sb *sb, void *cookie, int family, int type,
			 struct inet_sock **out)
{
	struct inet_sock *k;
	int err;

	(void)sb;
	if ((family != INET_AF4 && family != INET_AF6) || (type != 1 && type != 2))
		return -EINVAL;
	k = inet_sock_alloc(family, type);
	if (!k)
		return -ENOMEM;
	LOCK_TCPIP_CORE();
	err = TCP(k) ? inet_tcp_new(k) : inet_udp_new(k);
	if (!err)
		k->cookie = cookie;
	UNLOCK_TCPIP_CORE();
	if (err) {
		inet_sock_free(k);
		return err;
	}
	*out = k;
	return 0;
}

int kevlar_inet_sock_close(struct vfs_sb *sb, struct inet_sock *k)
{
	(void)sb;
	LOCK_TCPIP_CORE();
	k->cookie = NULL;
	if (TCP(k))
		inet_tcp_close(k);
	else
		inet_udp_close(k);
	UNLOCK_TCPIP_CORE();
	inet_sock_free(k);
	return 0;
}

int kevlar_inet_sock_bind(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a)
{
	int err;

	(void)sb;
	LOCK_TCPIP_CORE();
	if (k->bound)
		err = -EINVAL;
	else
		err = inet_addr_local(a);
	if (!err && TCP(k)) {
		ip_addr_t ip;

		inet_sock_ip(k, a, &ip);
		err = inet_tcp_port_conflict(k, &ip, a->port);
	}
	if (!err)
		err = TCP(k) ? inet_tcp_bind(k, a) : inet_udp_bind(k, a);
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_listen(struct vfs_sb *sb, struct inet_sock *k, int backlog)
{
	int err = 0;

	(void)sb;
	if (!TCP(k))
		return -EOPNOTSUPP;
	LOCK_TCPIP_CORE();
	/* Linux checks the port again: another listener may have come */
	if (k->bound && !k->listening && k->tcp)
		err = inet_tcp_port_conflict(k, &k->tcp->local_ip, k->tcp->local_port);
	if (!err)
		err = inet_tcp_listen(k, backlog);
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_accept(struct vfs_sb *sb, struct inet_sock *k, void *cookie,
			    struct inet_sock **out)
{
	int err;

	(void)sb;
	if (!TCP(k))
		return -EOPNOTSUPP;
	LOCK_TCPIP_CORE();
	err = inet_tcp_accept(k, cookie, out);
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_connect(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a)
{
	int err;

	(void)sb;
	LOCK_TCPIP_CORE();
	err = TCP(k) ? inet_tcp_connect(k, a) : inet_udp_connect(k, a);
	if (!TCP(k))
		inet_sock_dev_apply(k); /* lwIP's udp_disconnect drops the device */
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_send(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
			  const struct inet_addr *to, unsigned flags)
{
	int r;

	(void)sb;
	LOCK_TCPIP_CORE();
	r = TCP(k) ? inet_tcp_send(k, buf, len, flags) : inet_udp_send(k, buf, len, to);
	UNLOCK_TCPIP_CORE();
	return r;
}

int kevlar_inet_sock_recv(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len,
			  unsigned flags, struct inet_addr *from, size_t *full)
{
	int r;

	(void)sb;
	LOCK_TCPIP_CORE();
	if (TCP(k)) {
		r = inet_tcp_recv(k, buf, len, flags);
		if (from)
			*from = k->peer;
		if (r > 0)
			*full = (size_t)r;
	} else {
		r = inet_udp_recv(k, buf, len, flags, from, full);
	}
	UNLOCK_TCPIP_CORE();
	return r;
}

int kevlar_inet_sock_shutdown(struct vfs_sb *sb, struct inet_sock *k, int how)
{
	int err = 0;

	(void)sb;
	LOCK_TCPIP_CORE();
	if (TCP(k)) {
		err = inet_tcp_shutdown(k, how);
	} else if (!k->has_peer) {
		err = -ENOTCONN;
	} else {
		k->shut_rd |= how != 1;
		k->shut_wr |= how != 0;
		inet_sock_wake(k, 0);
	}
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_getname(struct vfs_sb *sb, struct inet_sock *k, bool peer,
			     struct inet_addr *out)
{
	int err = 0;

	(void)sb;
	LOCK_TCPIP_CORE();
	/* Linux: no peer once a TCP connection is reset (state CLOSE) */
	if (peer && (!k->has_peer || (TCP(k) && (!k->connected || k->reset))))
		err = -ENOTCONN;
	else
		*out = peer ? k->peer : k->local;
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_poll(struct vfs_sb *sb, struct inet_sock *k)
{
	int mask;

	(void)sb;
	LOCK_TCPIP_CORE();
	mask = TCP(k) ? inet_tcp_poll(k) : inet_udp_poll(k);
	UNLOCK_TCPIP_CORE();
	return mask;
}

int kevlar_inet_sock_opt(struct vfs_sb *sb, struct inet_sock *k, enum inet_opt opt, bool set,
			 int *val)
{
	int err = 0;

	(void)sb;
	LOCK_TCPIP_CORE();
	switch (opt) {
	case INET_OPT_ERROR:
		*val = k->err;
		k->err = 0;
		break;
	case INET_OPT_LISTENING:
		*val = k->listening;
		break;
	case INET_OPT_REUSEADDR:
		if (set)
			k->reuse = *val != 0;
		else
			*val = k->reuse;
		break;
	case INET_OPT_REUSEPORT:
		if (set)
			k->reuseport = *val != 0;
		else
			*val = k->reuseport;
		break;
	case INET_OPT_UDPLITE:
		if (TCP(k) || !set)
			err = -ENOPROTOOPT;
		else if (*val)
			udp_set_flags(k->udp, UDP_FLAGS_UDPLITE);
		break;
	case INET_OPT_BINDDEV:
		err = set ? inet_sock_bind_dev(k, *val) : -ENOPROTOOPT;
		break;
	case INET_OPT_V6ONLY:
		if (k->family != INET_AF6)
			err = -ENOPROTOOPT;
		else if (!set)
			*val = k->v6only;
		else if (k->bound)
			err = -EINVAL;
		else
			k->v6only = *val != 0;
		break;
	default:
		err = TCP(k) ? inet_tcp_opt(k, opt, set, val) : -ENOPROTOOPT;
	}
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_params(struct vfs_sb *sb, struct inet_sock *k, const struct inet_params *p)
{
	(void)sb;
	LOCK_TCPIP_CORE();
	k->params = *p;
	k->has_params = true;
	if (TCP(k))
		inet_tcp_params(k);
	else
		inet_udp_params(k);
	UNLOCK_TCPIP_CORE();
	return 0;
}

int kevlar_inet_sock_query(struct vfs_sb *sb, struct inet_sock *k, struct inet_query *q)
{
	(void)sb;
	memset(q, 0, sizeof(*q));
	LOCK_TCPIP_CORE();
	if (TCP(k))
		inet_tcp_query(k, q);
	else
		inet_udp_query(k, q);
	UNLOCK_TCPIP_CORE();
	return 0;
}

int kevlar_inet_sock_mcast(struct vfs_sb *sb, struct inet_sock *k, const struct inet_mcast_req *rq)
{
	int err;

	(void)sb;
	if (TCP(k))
		return -EPROTO;
	LOCK_TCPIP_CORE();
	err = inet_mcast_req(k, rq);
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_send_ctl(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
			      const struct inet_addr *to, const struct inet_sendctl *c)
{
	int r;

	(void)sb;
	if (TCP(k))
		return -EOPNOTSUPP;
	LOCK_TCPIP_CORE();
	r = inet_udp_send_ctl(k, buf, len, to, c);
	UNLOCK_TCPIP_CORE();
	return r;
}

int kevlar_inet_sock_unrecv(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len)
{
	int err;

	(void)sb;
	if (!TCP(k))
		return -EINVAL;
	LOCK_TCPIP_CORE();
	err = inet_tcp_unrecv(k, buf, len);
	UNLOCK_TCPIP_CORE();
	return err;
}

int kevlar_inet_sock_read_queued(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len,
				 size_t off, bool peek)
{
	int r;

	(void)sb;
	if (!TCP(k))
		return -EINVAL;
	LOCK_TCPIP_CORE();
	r = inet_tcp_read_queued(k, buf, len, off, peek);
	UNLOCK_TCPIP_CORE();
	return r;
}
