/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The dispatch wrappers of the TCP/IP stack's protocol table
 * (kevlar_vfs/inet.h): the only place ring 1 calls into kevlar_inet, each
 * call a crossing (SVC_CALL, op "inet") into the stack's instance.
 */
#include <klib/errno.h>
#include <kevlar_vfs/inet.h>
#include <kernel/inet.h>
#include "contain.h"

int inet_selftest(struct vfs_sb *sb, unsigned test)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->selftest)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->selftest(sb, test));
}

int inet_ifconfig(struct vfs_sb *sb, const struct inet_ifconf *conf)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->ifconfig)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->ifconfig(sb, conf));
}

int inet_ifstate(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->ifstate)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->ifstate(sb, ifname, st));
}

int inet_iftest(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *arg)
{
	const struct inet_ops *ops = sb->type->inet;

	if (!ops || !ops->iftest)
		return -EOPNOTSUPP;
	return SVC_CALL(sb, SVC_OP_INET, ops, ops->iftest(sb, test, arg));
}

/* ---- sockets (kernel/net/inet_sock.c) ---- */

#define INET_SOCK_CALL(sb, slot, ...)                                                              \
	({                                                                                         \
		const struct inet_ops *ops_ = (sb)->type->inet;                                    \
		(!ops_ || !ops_->slot) ? -EOPNOTSUPP                                               \
				       : SVC_CALL(sb, SVC_OP_INET, ops_, ops_->slot(__VA_ARGS__)); \
	})

int inet_sock_new(struct vfs_sb *sb, void *cookie, int family, int type, struct inet_sock **out)
{
	return INET_SOCK_CALL(sb, sock_new, sb, cookie, family, type, out);
}

void inet_sock_close(struct vfs_sb *sb, struct inet_sock *k)
{
	(void)INET_SOCK_CALL(sb, sock_close, sb, k);
}

int inet_sock_bind(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a)
{
	return INET_SOCK_CALL(sb, sock_bind, sb, k, a);
}

int inet_sock_listen(struct vfs_sb *sb, struct inet_sock *k, int backlog)
{
	return INET_SOCK_CALL(sb, sock_listen, sb, k, backlog);
}

int inet_sock_accept(struct vfs_sb *sb, struct inet_sock *k, void *cookie, struct inet_sock **out)
{
	return INET_SOCK_CALL(sb, sock_accept, sb, k, cookie, out);
}

int inet_sock_connect(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a)
{
	return INET_SOCK_CALL(sb, sock_connect, sb, k, a);
}

int inet_sock_send(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
		   const struct inet_addr *to, unsigned flags)
{
	return INET_SOCK_CALL(sb, sock_send, sb, k, buf, len, to, flags);
}

int inet_sock_recv(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len, unsigned flags,
		   struct inet_addr *from, size_t *full)
{
	return INET_SOCK_CALL(sb, sock_recv, sb, k, buf, len, flags, from, full);
}

int inet_sock_shutdown(struct vfs_sb *sb, struct inet_sock *k, int how)
{
	return INET_SOCK_CALL(sb, sock_shutdown, sb, k, how);
}

int inet_sock_getname(struct vfs_sb *sb, struct inet_sock *k, bool peer, struct inet_addr *out)
{
	return INET_SOCK_CALL(sb, sock_getname, sb, k, peer, out);
}

int inet_sock_poll(struct vfs_sb *sb, struct inet_sock *k)
{
	return INET_SOCK_CALL(sb, sock_poll, sb, k);
}

int inet_sock_opt(struct vfs_sb *sb, struct inet_sock *k, enum inet_opt opt, bool set, int *val)
{
	return INET_SOCK_CALL(sb, sock_opt, sb, k, opt, set, val);
}

/* ---- network configuration (kernel/net/ifconf.c, rtnl_*.c, procfs) ---- */

int inet_if_get(struct vfs_sb *sb, const char *ifname, struct inet_ifinfo *out)
{
	return INET_SOCK_CALL(sb, if_get, sb, ifname, out);
}

int inet_if_set(struct vfs_sb *sb, const char *ifname, const struct inet_ifset *rq)
{
	return INET_SOCK_CALL(sb, if_set, sb, ifname, rq);
}

int inet_route_get(struct vfs_sb *sb, const struct inet_addr *dst, struct inet_route *out)
{
	return INET_SOCK_CALL(sb, route_get, sb, dst, out);
}

int inet_pcb_list(struct vfs_sb *sb, unsigned proto, struct inet_pcbinfo *out, unsigned n)
{
	return INET_SOCK_CALL(sb, pcb_list, sb, proto, out, n);
}

/* ---- ping and raw sockets (kernel/net/inet_icmp.c) ---- */

int inet_raw_new(struct vfs_sb *sb, void *cookie, int family, int protocol, bool ping,
		 struct inet_raw **out)
{
	return INET_SOCK_CALL(sb, raw_new, sb, cookie, family, protocol, ping, out);
}

void inet_raw_close(struct vfs_sb *sb, struct inet_raw *r)
{
	(void)INET_SOCK_CALL(sb, raw_close, sb, r);
}

int inet_raw_bind(struct vfs_sb *sb, struct inet_raw *r, const struct inet_addr *a, bool connect)
{
	return INET_SOCK_CALL(sb, raw_bind, sb, r, a, connect);
}

int inet_raw_send(struct vfs_sb *sb, struct inet_raw *r, const void *buf, size_t len,
		  const struct inet_addr *to)
{
	return INET_SOCK_CALL(sb, raw_send, sb, r, buf, len, to);
}

int inet_raw_recv(struct vfs_sb *sb, struct inet_raw *r, void *buf, size_t len, unsigned flags,
		  struct inet_raw_info *info)
{
	return INET_SOCK_CALL(sb, raw_recv, sb, r, buf, len, flags, info);
}

int inet_raw_getname(struct vfs_sb *sb, struct inet_raw *r, bool peer, struct inet_addr *out)
{
	return INET_SOCK_CALL(sb, raw_getname, sb, r, peer, out);
}

int inet_raw_poll(struct vfs_sb *sb, struct inet_raw *r)
{
	return INET_SOCK_CALL(sb, raw_poll, sb, r);
}

/* ---- options, queries, put-back (kernel/net/inet_opt.c, inet_sock.c) ---- */

int inet_sock_params(struct vfs_sb *sb, struct inet_sock *k, const struct inet_params *p)
{
	return INET_SOCK_CALL(sb, sock_params, sb, k, p);
}

int inet_sock_query(struct vfs_sb *sb, struct inet_sock *k, struct inet_query *q)
{
	return INET_SOCK_CALL(sb, sock_query, sb, k, q);
}

int inet_sock_unrecv(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len)
{
	return INET_SOCK_CALL(sb, sock_unrecv, sb, k, buf, len);
}

int inet_sock_send_ctl(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
		       const struct inet_addr *to, const struct inet_sendctl *c)
{
	return INET_SOCK_CALL(sb, sock_send_ctl, sb, k, buf, len, to, c);
}

int inet_sock_mcast(struct vfs_sb *sb, struct inet_sock *k, const struct inet_mcast_req *rq)
{
	return INET_SOCK_CALL(sb, sock_mcast, sb, k, rq);
}

int inet_sock_read_queued(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len, size_t off,
			  bool peek)
{
	return INET_SOCK_CALL(sb, sock_read_queued, sb, k, buf, len, off, peek);
}
