/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TCP/IP stack as ring 1 sees it: one instance of the ring-2 service
 * "inet" (services/kevlar_inet: lwIP and its port), started at first use,
 * and the wrappers that call into it (kernel/fs/dispatch_inet.c).
 */
#pragma once

#include <kevlar_vfs/inet.h>

struct vfs_sb;
struct inet_ifconf;
struct inet_ifstate;
struct inet_iftest_arg;

/* The stack's instance, started on first use (may sleep): the instance,
 * or an ERR_PTR (-ENODEV: no stack in the image, -ENOMEM, -EIO: it faulted
 * while starting), the same error at every later call.  A failed instance
 * stays the instance: its calls give -EIO (lwIP keeps global state, so it
 * is not restarted). */
struct vfs_sb *inet_instance(void);

/* The stack's receive queue (kernel/fs/service_net.c), since boot: frames
 * the interrupt copied straight into a buffer the stack posted, and
 * frames it had to put in a slot (copied again by svc_netdev_recv). */
void inet_rx_counts(uint64_t *direct, uint64_t *copied);

/* inet_ops.selftest through a contained crossing: 0, -errno, -EIO (the
 * stack faulted now or before). */
int inet_selftest(struct vfs_sb *sb, unsigned test);

/* inet_ops.ifconfig, .ifstate, .iftest (kevlar_vfs/inet.h) through a
 * contained crossing: their results, or -EIO (the stack faulted). */
int inet_ifconfig(struct vfs_sb *sb, const struct inet_ifconf *conf);
int inet_ifstate(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st);
int inet_iftest(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *arg);

/* Boot: the kernel command line's ip= option (Linux's syntax subset
 * "dhcp" and "<client>::<gw>:<netmask>::<dev>:off"): start the stack and
 * configure the device, waiting a bounded time for DHCP.  Nothing (and
 * the stack stays unstarted) without ip=.  May sleep. */
void inet_boot_config(void);
/* The stack's sockets (kevlar_vfs/inet.h's sock_* slots), each a contained
 * crossing: the slot's result, -EIO when the stack faulted (now or
 * before), -EOPNOTSUPP when the stack has no sockets. */
int inet_sock_new(struct vfs_sb *sb, void *cookie, int family, int type, struct inet_sock **out);
void inet_sock_close(struct vfs_sb *sb, struct inet_sock *k);
int inet_sock_bind(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a);
int inet_sock_listen(struct vfs_sb *sb, struct inet_sock *k, int backlog);
int inet_sock_accept(struct vfs_sb *sb, struct inet_sock *k, void *cookie, struct inet_sock **out);
int inet_sock_connect(struct vfs_sb *sb, struct inet_sock *k, const struct inet_addr *a);
int inet_sock_send(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
		   const struct inet_addr *to, unsigned flags);
int inet_sock_recv(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len, unsigned flags,
		   struct inet_addr *from, size_t *full);
int inet_sock_shutdown(struct vfs_sb *sb, struct inet_sock *k, int how);
int inet_sock_getname(struct vfs_sb *sb, struct inet_sock *k, bool peer, struct inet_addr *out);
int inet_sock_poll(struct vfs_sb *sb, struct inet_sock *k);
int inet_sock_opt(struct vfs_sb *sb, struct inet_sock *k, enum inet_opt opt, bool set, int *val);
/* The stack's network configuration (kevlar_vfs/inet.h's if_get ...
 * pcb_list slots), each a contained crossing. */
int inet_if_get(struct vfs_sb *sb, const char *ifname, struct inet_ifinfo *out);
int inet_if_set(struct vfs_sb *sb, const char *ifname, const struct inet_ifset *rq);
int inet_route_get(struct vfs_sb *sb, const struct inet_addr *dst, struct inet_route *out);
int inet_pcb_list(struct vfs_sb *sb, unsigned proto, struct inet_pcbinfo *out, unsigned n);
/* /proc/net's files of the stack (kernel/net/inet_proc.c): the text into
 * buf, cut at size; its length. */
enum inet_proc {
	INET_PROC_ROUTE,
	INET_PROC_IF_INET6,
	INET_PROC_TCP,
	INET_PROC_TCP6,
	INET_PROC_UDP,
	INET_PROC_UDP6,
};
size_t inet_proc_show(enum inet_proc which, char *buf, size_t size);

/* The stack's ping and raw sockets (raw_* slots), contained the same way. */
int inet_raw_new(struct vfs_sb *sb, void *cookie, int family, int protocol, bool ping,
		 struct inet_raw **out);
void inet_raw_close(struct vfs_sb *sb, struct inet_raw *r);
int inet_raw_bind(struct vfs_sb *sb, struct inet_raw *r, const struct inet_addr *a, bool connect);
int inet_raw_send(struct vfs_sb *sb, struct inet_raw *r, const void *buf, size_t len,
		  const struct inet_addr *to);
int inet_raw_recv(struct vfs_sb *sb, struct inet_raw *r, void *buf, size_t len, unsigned flags,
		  struct inet_raw_info *info);
int inet_raw_getname(struct vfs_sb *sb, struct inet_raw *r, bool peer, struct inet_addr *out);
int inet_raw_poll(struct vfs_sb *sb, struct inet_raw *r);

struct socket;
/* AF_INET/AF_INET6 sockets of kernel/net/inet_icmp.c: ping sockets
 * (SOCK_DGRAM with IPPROTO_ICMP/ICMPV6) and SOCK_RAW.  Called by the
 * family's create: 0 (s->ops is now the ping/raw table), -EACCES (the
 * caller's group is outside ping_group_range), -EPERM (raw without
 * CAP_NET_RAW), -EPROTONOSUPPORT, -EINVAL, -ENOMEM, the stack's error. */
int inet_icmp_create(struct socket *s, int protocol);
/* net.ipv4.ping_group_range: read, and set (-EINVAL past 2^31-1; an
 * empty range is stored as "1 0", as Linux). */
void inet_ping_group_range(uint32_t *lo, uint32_t *hi);
int inet_set_ping_group_range(uint32_t lo, uint32_t hi);
/* The stack's per-socket options, queries and put-back (sock_params,
 * sock_query, sock_unrecv slots), contained the same way. */
int inet_sock_params(struct vfs_sb *sb, struct inet_sock *k, const struct inet_params *p);
int inet_sock_query(struct vfs_sb *sb, struct inet_sock *k, struct inet_query *q);
int inet_sock_unrecv(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len);
/* A datagram with sendmsg's per-datagram choices (sock_send_ctl slot). */
int inet_sock_send_ctl(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len,
		       const struct inet_addr *to, const struct inet_sendctl *c);
/* A multicast membership or interface change (sock_mcast slot). */
int inet_sock_mcast(struct vfs_sb *sb, struct inet_sock *k, const struct inet_mcast_req *rq);

/* TCP: more of what is queued, never an error or EOF (sock_read_queued). */
int inet_sock_read_queued(struct vfs_sb *sb, struct inet_sock *k, void *buf, size_t len, size_t off,
			  bool peek);
