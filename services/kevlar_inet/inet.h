/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_inet's private interface: the port layer (sys_arch.c) and the
 * stack's self-tests (selftest.c), shared by the service's files.
 */
#pragma once

#include <klib/types.h>
#include <kevlar_vfs/service.h>

/* sys_arch.c: the instance the port's objects belong to, set once by
 * the mount before lwIP starts (0 or -ENOMEM). */
int kevlar_inet_port_init(struct vfs_sb *sb);
struct svc_cap kevlar_inet_cap(void);
/* The tcpip thread's svc_thread_self() (0 before it runs). */
uintptr_t kevlar_inet_tcpip_thread(void);

/* sys_arch.c: the one function of libc/stdlib.h (netif.c's) */
int atoi(const char *s);

/* netif.c: the interfaces on the kernel's Ethernet devices: made at
 * the start (and by the receive thread for later devices); inet_ops
 * ifconfig and ifstate; the lwIP netif of a device (core lock). */
struct inet_ifconf;
struct inet_ifstate;
struct inet_iftest_arg;
struct netif;
struct ip_addr;
int kevlar_inet_netif_start(struct vfs_sb *sb);
int kevlar_inet_ifconfig(struct vfs_sb *sb, const struct inet_ifconf *c);
int kevlar_inet_ifstate(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st);
struct netif *kevlar_inet_netif(const char *ifname);
/* The kernel's ifindex of lwIP netif n (the loopback's: 1). */
int kevlar_inet_netif_ifindex(const struct netif *n);

/* selftest_if.c: inet_ops.iftest */
int kevlar_inet_iftest(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *arg);
/* selftest.c: an ICMP echo to dst answered (0 or -errno, logged) */
int kevlar_inet_ping(const struct ip_addr *dst);

/* selftest.c: inet_ops.selftest */
int kevlar_inet_selftest(struct vfs_sb *sb, unsigned test);
