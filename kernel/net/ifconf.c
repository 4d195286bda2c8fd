/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Interface configuration (ifconf.h): the view of an interface the SIOC*
 * ioctls, rtnetlink and /proc/net show, and the changes they make, as
 * Linux's RTNL-locked device and address code does.  The addresses live
 * in the TCP/IP stack (inet_ops.if_get/if_set); the device's up state in
 * the netdev layer; the rest here.
 *
 * Locking: `ifc_lock` (a sleeping mutex, Linux's RTNL) serialises every
 * change, and guards `extra`.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <kernel/inet.h>
#include <kernel/mutex.h>
#include <kernel/netdev.h>
#include <kernel/vfs.h>
#include "ifconf.h"

#define TXQLEN_DEFAULT 1000
#define IFX_MAX	       (NETDEV_MAX + 1) /* ifindexes 1..NETDEV_MAX */

struct ifx {
	uint32_t addr; /* the address `brd` belongs to (it changed: recompute) */
	uint32_t brd;
	bool brd_none;	 /* ip addr add without brd: none */
	unsigned txqlen; /* 0: the default */
};

static struct mutex ifc_lock = MUTEX_INIT(ifc_lock, "ifconf");
static struct ifx extra[IFX_MAX]; /* ifc_lock */

static struct ifx *ifx_of(const struct net_device *dev)
{
	return dev->ifindex > 0 && dev->ifindex < IFX_MAX ? &extra[dev->ifindex] : NULL;
}

static struct vfs_sb *stack(void)
{
	struct vfs_sb *sb = inet_instance();

	return IS_ERR(sb) ? NULL : sb;
}

int ifconf_mask_len(uint32_t mask)
{
	uint32_t h = __builtin_bswap32(mask);
	int len = h ? 32 - __builtin_ctz(h) : 0;

	return (h == (len ? ~0u << (32 - len) : 0)) ? len : -1;
}

uint32_t ifconf_len_mask(unsigned len)
{
	return __builtin_bswap32(len ? ~0u << (32 - len) : 0);
}

/* The class's netmask of addr (Linux's inet_abc_len). */
static uint32_t class_mask(uint32_t addr)
{
	uint8_t a = (uint8_t)(addr & 0xff);

	if (!addr)
		return 0;
	return ifconf_len_mask(a < 128 ? 8 : a < 192 ? 16 : a < 224 ? 24 : 32);
}

static uint32_t auto_brd(const struct net_device *dev, uint32_t addr, uint32_t mask)
{
	if (!(dev->flags & IFF_BROADCAST) || ifconf_mask_len(mask) >= 31)
		return 0;
	return addr | ~mask;
}

void ifview_get(struct net_device *dev, struct ifview *v)
{
	struct vfs_sb *sb = stack();
	struct ifx *x = ifx_of(dev);

	memset(v, 0, sizeof(*v));
	v->dev = dev;
	v->flags = __atomic_load_n(&dev->flags, __ATOMIC_ACQUIRE);
	if (!(v->flags & IFF_UP)) /* Linux reports the carrier of a running device only */
		v->flags &= ~(unsigned)(IFF_RUNNING | IFF_LOWER_UP);
	v->mtu = dev->mtu;
	v->txqlen = x && x->txqlen ? x->txqlen : TXQLEN_DEFAULT;
	v->inet = sb && !inet_if_get(sb, dev->name, &v->in);
	if (!v->inet)
		return;
	if (v->in.mtu)
		v->mtu = v->in.mtu;
	if (v->in.addr && x && !x->brd_none)
		v->brd = x->addr == v->in.addr ? x->brd : auto_brd(dev, v->in.addr, v->in.netmask);
}

static int stack_set(struct net_device *dev, const struct inet_ifset *rq)
{
	struct vfs_sb *sb = stack();

	return sb ? inet_if_set(sb, dev->name, rq) : -ENETDOWN;
}

int ifconf_set_up(struct net_device *dev, bool up)
{
	struct inet_ifset rq = {.what = up ? INET_IFSET_UP : INET_IFSET_DOWN};
	bool was = __atomic_load_n(&dev->flags, __ATOMIC_ACQUIRE) & IFF_UP;
	int r = 0;

	if (was == up)
		return 0;
	mutex_lock(&ifc_lock);
	if (up && dev->type == ARPHRD_LOOPBACK)
		r = netdev_open(dev);
	if (!r)
		r = stack_set(dev, &rq);
	if (!up)
		netdev_stop(dev);
	mutex_unlock(&ifc_lock);
	if (!r)
		rtnl_notify_link(dev);
	return r;
}

int ifconf_set_mtu(struct net_device *dev, int mtu)
{
	struct inet_ifset rq = {.what = INET_IFSET_MTU, .mtu = (unsigned)mtu};
	int r;

	if (mtu < 0)
		return -EINVAL;
	mutex_lock(&ifc_lock);
	r = netdev_set_mtu(dev, (unsigned)mtu);
	if (!r && dev->type != ARPHRD_LOOPBACK)
		r = stack_set(dev, &rq);
	mutex_unlock(&ifc_lock);
	if (!r)
		rtnl_notify_link(dev);
	return r;
}

int ifconf_set_txqlen(struct net_device *dev, int qlen)
{
	struct ifx *x = ifx_of(dev);

	if (qlen < 0)
		return -EINVAL;
	if (!x)
		return -ENODEV;
	mutex_lock(&ifc_lock);
	x->txqlen = qlen ? (unsigned)qlen : TXQLEN_DEFAULT;
	mutex_unlock(&ifc_lock);
	rtnl_notify_link(dev);
	return 0;
}

/* ifc_lock held: the stack's IPv4 state of dev. */
static int cur4(struct net_device *dev, struct inet_ifinfo *in)
{
	struct vfs_sb *sb = stack();

	return sb ? inet_if_get(sb, dev->name, in) : -ENETDOWN;
}

/* ifc_lock held: set addr/mask in the stack and brd here. */
static int put4(struct net_device *dev, uint32_t addr, uint32_t mask, uint32_t brd, bool brd_none)
{
	struct inet_ifset rq = {.what = INET_IFSET_ADDR4, .addr = addr, .netmask = mask};
	struct ifx *x = ifx_of(dev);
	int r = stack_set(dev, &rq);

	if (!r && x) {
		x->addr = addr;
		x->brd = brd_none ? 0 : brd;
		x->brd_none = brd_none;
	}
	return r;
}

int ifconf_set_addr4(struct net_device *dev, uint32_t addr, uint32_t mask, uint32_t brd)
{
	struct inet_ifinfo in;
	bool none = brd == IFCONF_BRD_NONE;
	int r;

	if (!mask)
		mask = class_mask(addr);
	if (ifconf_mask_len(mask) < 0)
		return -EINVAL;
	if (brd == IFCONF_BRD_AUTO || none)
		brd = none ? 0 : auto_brd(dev, addr, mask);
	mutex_lock(&ifc_lock);
	r = cur4(dev, &in);
	if (!r && in.addr && in.addr != addr)
		rtnl_notify_addr4(dev, in.addr, in.netmask, 0, true);
	if (!r)
		r = put4(dev, addr, mask, brd, none || !brd);
	mutex_unlock(&ifc_lock);
	if (!r)
		rtnl_notify_addr4(dev, addr, mask, brd, false);
	return r;
}

int ifconf_set_mask4(struct net_device *dev, uint32_t mask)
{
	struct ifview v;
	int r;

	if (ifconf_mask_len(mask) < 0)
		return -EINVAL;
	mutex_lock(&ifc_lock);
	ifview_get(dev, &v);
	r = !v.inet ? -ENETDOWN : !v.in.addr ? -EADDRNOTAVAIL : 0;
	if (!r) {
		uint32_t brd = v.brd;

		/* a broadcast that was the old default follows the mask (Linux) */
		if (brd && brd == auto_brd(dev, v.in.addr, v.in.netmask))
			brd = auto_brd(dev, v.in.addr, mask);
		r = put4(dev, v.in.addr, mask, brd, !brd);
	}
	mutex_unlock(&ifc_lock);
	if (!r)
		rtnl_notify_addr4(dev, v.in.addr, mask, v.brd, false);
	return r;
}

int ifconf_set_brd4(struct net_device *dev, uint32_t brd)
{
	struct ifview v;
	struct ifx *x = ifx_of(dev);
	int r;

	mutex_lock(&ifc_lock);
	ifview_get(dev, &v);
	r = !v.inet ? -ENETDOWN : !v.in.addr || !x ? -EADDRNOTAVAIL : 0;
	if (!r) {
		x->addr = v.in.addr;
		x->brd = brd;
		x->brd_none = !brd;
	}
	mutex_unlock(&ifc_lock);
	if (!r)
		rtnl_notify_addr4(dev, v.in.addr, v.in.netmask, brd, false);
	return r;
}

int ifconf_del_addr4(struct net_device *dev, uint32_t addr)
{
	struct inet_ifinfo in;
	int r;

	mutex_lock(&ifc_lock);
	r = cur4(dev, &in);
	if (!r && (!in.addr || (addr && addr != in.addr)))
		r = -EADDRNOTAVAIL;
	if (!r)
		r = put4(dev, 0, 0, 0, true);
	mutex_unlock(&ifc_lock);
	if (!r) {
		if (in.is_default)
			rtnl_notify_route4(dev, in.gw, true);
		rtnl_notify_addr4(dev, in.addr, in.netmask, 0, true);
	}
	return r;
}

int ifconf_addr6(struct net_device *dev, const uint8_t addr[16], bool add)
{
	struct inet_ifset rq = {.what = add ? INET_IFSET_ADDR6_ADD : INET_IFSET_ADDR6_DEL};
	int r;

	memcpy(rq.addr6, addr, 16);
	mutex_lock(&ifc_lock);
	r = stack_set(dev, &rq);
	mutex_unlock(&ifc_lock);
	if (!r)
		rtnl_notify_addr6(dev, addr, !add);
	return r;
}

struct route_find {
	uint32_t gw;
	bool want_default; /* find the interface holding the default route */
	struct net_device *dev;
	struct inet_ifinfo in;
};

static int find_if(struct net_device *dev, void *arg)
{
	struct route_find *f = arg;
	struct vfs_sb *sb = stack();

	if (!sb || inet_if_get(sb, dev->name, &f->in))
		return 0;
	if (f->want_default
		    ? f->in.is_default
		    : f->in.addr && (f->gw & f->in.netmask) == (f->in.addr & f->in.netmask)) {
		f->dev = dev;
		return 1;
	}
	return 0;
}

int ifconf_default_route(struct net_device *dev, uint32_t gw, bool del)
{
	struct route_find f = {.gw = gw, .want_default = del};
	struct inet_ifset rq = {.what = INET_IFSET_DEFAULT, .gw = del ? 0 : gw};
	int r = 0;

	mutex_lock(&ifc_lock);
	(void)netdev_for_each(find_if, &f);
	if (del) {
		/* the route to delete must be the one there (Linux: ESRCH) */
		if (!f.dev || (dev && dev != f.dev) || (gw && gw != f.in.gw))
			r = -ESRCH;
		dev = f.dev;
		gw = f.in.gw;
	} else if (f.want_default || !dev) {
		dev = dev ? dev : f.dev;
	}
	if (!r && !dev)
		r = -ENETUNREACH;
	if (!r && !del) {
		struct route_find d = {.want_default = true};

		(void)netdev_for_each(find_if, &d);
		if (d.dev)
			r = -EEXIST; /* lwIP holds one default route */
	}
	if (!r)
		r = stack_set(dev, &rq);
	mutex_unlock(&ifc_lock);
	if (!r)
		rtnl_notify_route4(dev, gw, del);
	return r;
}
