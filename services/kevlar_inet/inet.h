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
/* looptap.c: show the loopback netif's packets to AF_PACKET (tcpip thread). */
void kevlar_inet_looptap_init(void);
int kevlar_inet_ifconfig(struct vfs_sb *sb, const struct inet_ifconf *c);
int kevlar_inet_ifstate(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st);
struct netif *kevlar_inet_netif(const char *ifname);
/* netif.c: the netdev name of an Ethernet interface, or NULL. */
const char *kevlar_inet_netif_name(const struct netif *netif);
/* netif.c: bring an Ethernet interface up (opening its device; may sleep)
 * or down: 0, -ENODEV, -ENETDOWN, the device's errno.  No core lock held. */
int kevlar_inet_netif_updown(struct vfs_sb *sb, const char *ifname, bool up);

/* netcfg.c: inet_ops.if_get, if_set, route_get, pcb_list */
struct inet_ifinfo;
struct inet_ifset;
struct inet_route;
struct inet_addr;
struct inet_pcbinfo;
int kevlar_inet_if_get(struct vfs_sb *sb, const char *ifname, struct inet_ifinfo *out);
int kevlar_inet_if_set(struct vfs_sb *sb, const char *ifname, const struct inet_ifset *rq);
int kevlar_inet_route_get(struct vfs_sb *sb, const struct inet_addr *dst, struct inet_route *out);
int kevlar_inet_pcb_list(struct vfs_sb *sb, unsigned proto, struct inet_pcbinfo *out, unsigned n);
/* The kernel's ifindex of lwIP netif n (the loopback's: 1). */
int kevlar_inet_netif_ifindex(const struct netif *n);

/* selftest_if.c: inet_ops.iftest */
int kevlar_inet_iftest(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *arg);
/* selftest.c: an ICMP echo to dst answered (0 or -errno, logged) */
int kevlar_inet_ping(const struct ip_addr *dst);

/* selftest.c: inet_ops.selftest */
int kevlar_inet_selftest(struct vfs_sb *sb, unsigned test);
