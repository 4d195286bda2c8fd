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
int inet_sock_params(struct vfs_sb *sb, struct inet_sock *k, const struct inet_params *p);
int inet_sock_query(struct vfs_sb *sb, struct inet_sock *k, struct inet_query *q);
int inet_sock_unrecv(struct vfs_sb *sb, struct inet_sock *k, const void *buf, size_t len);
