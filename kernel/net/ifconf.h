/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Interface configuration in ring 1 (kernel/net/ifconf.c): one view of an
 * interface joining the netdev layer (name, index, flags, counters) and
 * the TCP/IP stack (addresses, MTU, the default route: inet_ops.if_get),
 * and the changes SIOC* ioctls (ifioctl.c) and rtnetlink (rtnl_*.c) make.
 * Every change is serialised by one mutex (Linux's RTNL), made in the
 * stack through inet_ops.if_set, and announced to rtnetlink's groups.
 * What lwIP does not keep (an IPv4 broadcast address, the transmit queue
 * length) is kept here, per ifindex.
 */
#pragma once

#include <klib/types.h>
#include <kevlar_vfs/inet.h>

struct net_device;

struct ifview {
	struct net_device *dev;
	unsigned flags;	 /* Linux's ifi_flags: IFF_UP, RUNNING, LOWER_UP, ... */
	unsigned mtu;	 /* the stack's, or the device's */
	unsigned txqlen; /* Linux's tx_queue_len (1000) */
	bool inet;	 /* the stack answered: `in` is valid */
	struct inet_ifinfo in;
	uint32_t brd; /* IPv4 broadcast, network order (0: none) */
};

#define IFCONF_BRD_AUTO 1 /* broadcast: the address with the host bits set */
#define IFCONF_BRD_NONE 2 /* no broadcast address */

/* The view of `dev` (never fails: without the stack, no addresses). */
void ifview_get(struct net_device *dev, struct ifview *v);
/* The prefix length of an IPv4 netmask (network order), -1 if not contiguous. */
int ifconf_mask_len(uint32_t mask);
uint32_t ifconf_len_mask(unsigned len);

/* Changes: 0 or -errno (Linux's).  Each may sleep. */
int ifconf_set_up(struct net_device *dev, bool up);
int ifconf_set_mtu(struct net_device *dev, int mtu);
int ifconf_set_txqlen(struct net_device *dev, int qlen);
/* Set the IPv4 address (mask 0: the class's; brd IFCONF_BRD_* or an address). */
int ifconf_set_addr4(struct net_device *dev, uint32_t addr, uint32_t mask, uint32_t brd);
int ifconf_set_mask4(struct net_device *dev, uint32_t mask);
int ifconf_set_brd4(struct net_device *dev, uint32_t brd);
/* Remove the IPv4 address `addr` (0: whichever it has). */
int ifconf_del_addr4(struct net_device *dev, uint32_t addr);
int ifconf_addr6(struct net_device *dev, const uint8_t addr[16], bool add);
/* The default route via gw out of dev (NULL: the interface gw is on);
 * del: remove it (gw 0: whichever). */
int ifconf_default_route(struct net_device *dev, uint32_t gw, bool del);

/* rtnl_notify.c: tell RTNLGRP_LINK, IPV4_IFADDR, IPV6_IFADDR, IPV4_ROUTE. */
void rtnl_notify_link(struct net_device *dev);
void rtnl_notify_addr4(struct net_device *dev, uint32_t addr, uint32_t mask, uint32_t brd,
		       bool del);
void rtnl_notify_addr6(struct net_device *dev, const uint8_t addr[16], bool del);
void rtnl_notify_route4(struct net_device *dev, uint32_t gw, bool del);

/* ifioctl.c: the interface ioctls every socket takes (socket.c's ioctl
 * calls ifconf_ioctl for the commands ifconf_is_ioctl names). */
struct socket;
bool ifconf_is_ioctl(unsigned cmd);
long ifconf_ioctl(struct socket *s, unsigned cmd, uint64_t arg);
