/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The interface ioctls every socket takes (Linux's dev_ioctl, devinet_ioctl
 * and ip_rt_ioctl): SIOCGIFCONF, SIOCGIFNAME, SIOCGIFINDEX, SIOCG/SIFFLAGS,
 * MTU, TXQLEN, METRIC, MAP, HWADDR on any socket; the IPv4 address ones
 * (ADDR, NETMASK, BRDADDR, DSTADDR) and the IPv4 routes (SIOCADDRT,
 * SIOCDELRT) on AF_INET sockets, ENOTTY elsewhere, as Linux.  Linux's
 * order: the ifreq or rtentry is copied first (EFAULT), then CAP_NET_ADMIN for a
 * change (EPERM), then the device (ENODEV), then the address (EADDRNOTAVAIL).
 * Routes: lwIP has one default route (a gateway of the default interface),
 * so SIOCADDRT takes a default route (EEXIST when there is one) and a
 * route the interface's subnet already gives (EEXIST); any other is
 * EOPNOTSUPP.  SIOCSIFHWADDR, SIOCSIFMETRIC and SIOCSIFMAP are
 * EOPNOTSUPP, as Linux answers for devices that cannot (virtio-net
 * without its control queue, lo).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/if.h>
#include <linux/in.h>
#include <linux/route.h>
#include <linux/sockios.h>
#include <platform/usercopy.h>
#include <kernel/cred.h>
#include <kernel/netdev.h>
#include <kernel/socket.h>
#include "ifconf.h"

#define AF_INET_ 2

_Static_assert(sizeof(struct ifreq) == 40, "ifreq");
_Static_assert(sizeof(struct rtentry) == 120, "rtentry");

bool ifconf_is_ioctl(unsigned cmd)
{
	return (cmd >= SIOCADDRT && cmd <= SIOCGIFTXQLEN + 1) || cmd == SIOCGIFMAP ||
	       cmd == SIOCSIFMAP;
}

static struct sockaddr_in *sin_of(struct ifreq *r)
{
	return (struct sockaddr_in *)&r->ifr_addr;
}

/* A sockaddr_in's address as the stack keeps it (network order in a u32). */
static uint32_t in_get(const void *sin)
{
	uint32_t a;

	memcpy(&a, (const uint8_t *)sin + __builtin_offsetof(struct sockaddr_in, sin_addr), 4);
	return a;
}

static void in_put(void *sin, uint32_t a)
{
	memset(sin, 0, sizeof(struct sockaddr_in));
	((struct sockaddr_in *)sin)->sin_family = AF_INET_;
	memcpy((uint8_t *)sin + __builtin_offsetof(struct sockaddr_in, sin_addr), &a, 4);
}

struct conf_walk {
	char __user *buf;
	int len, done;
	int err;
};

static int conf_one(struct net_device *dev, void *arg)
{
	struct conf_walk *w = arg;
	struct ifview v;
	struct ifreq r;

	ifview_get(dev, &v);
	if (!v.inet || !v.in.addr)
		return 0;
	if (!w->buf) {
		w->done += (int)sizeof(r);
		return 0;
	}
	if (w->len - w->done < (int)sizeof(r))
		return 1;
	memset(&r, 0, sizeof(r));
	strlcpy(r.ifr_name, dev->name, IFNAMSIZ);
	in_put(sin_of(&r), v.in.addr);
	if (copy_to_user(w->buf + w->done, &r, sizeof(r))) {
		w->err = -EFAULT;
		return 1;
	}
	w->done += (int)sizeof(r);
	return 0;
}

static long gifconf(void __user *arg)
{
	struct ifconf c;
	struct conf_walk w = {NULL, 0, 0, 0};

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	w.buf = c.ifc_buf ? uptr((uintptr_t)c.ifc_buf) : NULL;
	w.len = c.ifc_len;
	(void)netdev_for_each(conf_one, &w);
	if (w.err)
		return w.err;
	c.ifc_len = w.done;
	return copy_to_user(arg, &c, sizeof(c)) ? -EFAULT : 0;
}

/* The IPv4 route ioctls (ip_rt_ioctl). */
static long rtioctl(unsigned cmd, void __user *arg)
{
	struct rtentry rt;
	char name[IFNAMSIZ];
	struct net_device *dev = NULL;
	const struct sockaddr_in *dst = (const void *)&rt.rt_dst,
				 *gw = (const void *)&rt.rt_gateway,
				 *mask = (const void *)&rt.rt_genmask;

	if (copy_from_user(&rt, arg, sizeof(rt)))
		return -EFAULT;
	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	if (dst->sin_family != AF_INET_)
		return -EAFNOSUPPORT;
	if ((mask->sin_family && mask->sin_family != AF_INET_) ||
	    ifconf_mask_len(in_get(mask)) < 0 || (in_get(dst) & ~in_get(mask)))
		return -EINVAL;
	if (rt.rt_dev) {
		if (strncpy_from_user(name, uptr((uintptr_t)rt.rt_dev), sizeof(name)) < 0)
			return -EFAULT;
		name[IFNAMSIZ - 1] = 0;
		dev = netdev_by_name(name);
		if (!dev)
			return -ENODEV;
	}
	if ((rt.rt_flags & RTF_GATEWAY) && gw->sin_family != AF_INET_)
		return -EINVAL;
	if (!in_get(mask)) {
		/* the default route */
		if (cmd == SIOCDELRT)
			return ifconf_default_route(
				dev, (rt.rt_flags & RTF_GATEWAY) ? in_get(gw) : 0, true);
		if (!(rt.rt_flags & RTF_GATEWAY))
			return -EOPNOTSUPP; /* a default route out of a device: not in lwIP */
		return ifconf_default_route(dev, in_get(gw), false);
	}
	return -EOPNOTSUPP;
}

/* The ioctls of devinet_ioctl: the IPv4 address of an interface. */
static long inet_ifioctl(unsigned cmd, struct ifreq *r, struct net_device *dev)
{
	struct sockaddr_in *sin = sin_of(r);
	uint32_t a = in_get(sin);
	struct ifview v;

	switch (cmd) {
	case SIOCSIFADDR:
		if (!a) { /* 0.0.0.0 removes the address (Linux frees an empty one) */
			long r = ifconf_del_addr4(dev, 0);

			return r == -EADDRNOTAVAIL ? 0 : r;
		}
		return ifconf_set_addr4(dev, a, 0, IFCONF_BRD_AUTO);
	case SIOCSIFNETMASK:
		return ifconf_set_mask4(dev, a);
	case SIOCSIFBRDADDR:
		return ifconf_set_brd4(dev, a);
	case SIOCSIFDSTADDR:
		return -EOPNOTSUPP; /* no point-to-point interfaces */
	}
	ifview_get(dev, &v);
	if (!v.inet || !v.in.addr)
		return -EADDRNOTAVAIL;
	if (cmd == SIOCGIFADDR || cmd == SIOCGIFDSTADDR)
		in_put(sin, v.in.addr);
	else if (cmd == SIOCGIFNETMASK)
		in_put(sin, v.in.netmask);
	else
		in_put(sin, v.brd);
	return 1;
}

static bool is_inet_cmd(unsigned cmd)
{
	return (cmd >= SIOCGIFADDR && cmd <= SIOCSIFNETMASK && cmd != SIOCGIFFLAGS &&
		cmd != SIOCSIFFLAGS) ||
	       cmd == SIOCADDRT || cmd == SIOCDELRT;
}

static bool is_set_cmd(unsigned cmd)
{
	switch (cmd) {
	case SIOCSIFFLAGS:
	case SIOCSIFADDR:
	case SIOCSIFDSTADDR:
	case SIOCSIFBRDADDR:
	case SIOCSIFNETMASK:
	case SIOCSIFMETRIC:
	case SIOCSIFMTU:
	case SIOCSIFHWADDR:
	case SIOCSIFTXQLEN:
	case SIOCSIFMAP:
		return true;
	}
	return false;
}

/* 1: *r is the answer to copy out; 0: done; -errno. */
static long dev_ifioctl(unsigned cmd, struct ifreq *r, struct net_device *dev)
{
	struct ifview v;

	ifview_get(dev, &v);
	switch (cmd) {
	case SIOCGIFFLAGS:
		r->ifr_flags = (short)(v.flags & 0xffff);
		return 1;
	case SIOCSIFFLAGS:
		return ifconf_set_up(dev, r->ifr_flags & IFF_UP);
	case SIOCGIFMETRIC:
		r->ifr_metric = 0;
		return 1;
	case SIOCGIFMTU:
		r->ifr_mtu = (int)v.mtu;
		return 1;
	case SIOCSIFMTU:
		return ifconf_set_mtu(dev, r->ifr_mtu);
	case SIOCGIFTXQLEN:
		r->ifr_qlen = (int)v.txqlen;
		return 1;
	case SIOCSIFTXQLEN:
		return ifconf_set_txqlen(dev, r->ifr_qlen);
	case SIOCGIFINDEX:
		r->ifr_ifindex = dev->ifindex;
		return 1;
	case SIOCGIFMAP:
		memset(&r->ifr_map, 0, sizeof(r->ifr_map));
		return 1;
	case SIOCGIFHWADDR:
		memset(&r->ifr_hwaddr, 0, sizeof(r->ifr_hwaddr));
		r->ifr_hwaddr.sa_family = (unsigned short)dev->type;
		memcpy(r->ifr_hwaddr.sa_data, dev->addr, NETDEV_ADDR_LEN);
		return 1;
	case SIOCSIFHWADDR:
	case SIOCSIFMETRIC:
	case SIOCSIFMAP:
		return -EOPNOTSUPP;
	}
	return -ENOTTY;
}

long ifconf_ioctl(struct socket *s, unsigned cmd, uint64_t arg)
{
	void __user *u = uptr(arg);
	struct net_device *dev;
	struct ifreq r;
	long ret;

	if (cmd == SIOCGIFCONF)
		return gifconf(u);
	if (is_inet_cmd(cmd) && s->family != AF_INET_)
		return (s->family == 10 &&
			(cmd == SIOCADDRT || cmd == SIOCDELRT || cmd == SIOCSIFADDR))
			       ? -EOPNOTSUPP /* IPv6's in6_rtmsg/in6_ifreq: not supported */
			       : -ENOTTY;
	if (cmd == SIOCADDRT || cmd == SIOCDELRT)
		return rtioctl(cmd, u);
	if (cmd != SIOCGIFNAME && cmd != SIOCGIFINDEX && !is_inet_cmd(cmd) && !is_set_cmd(cmd) &&
	    cmd != SIOCGIFFLAGS && cmd != SIOCGIFMETRIC && cmd != SIOCGIFMTU &&
	    cmd != SIOCGIFTXQLEN && cmd != SIOCGIFMAP && cmd != SIOCGIFHWADDR)
		return -ENOTTY;
	if (copy_from_user(&r, u, sizeof(r)))
		return -EFAULT;
	r.ifr_name[IFNAMSIZ - 1] = 0;
	if (cmd == SIOCGIFNAME) {
		dev = netdev_by_index(r.ifr_ifindex);
		if (!dev)
			return -ENODEV;
		strlcpy(r.ifr_name, dev->name, IFNAMSIZ);
		return copy_to_user(u, &r, sizeof(r)) ? -EFAULT : 0;
	}
	if (is_set_cmd(cmd) && !capable(CAP_NET_ADMIN))
		return -EPERM;
	if (is_inet_cmd(cmd) && is_set_cmd(cmd) && sin_of(&r)->sin_family != AF_INET_)
		return -EINVAL;
	dev = netdev_by_name(r.ifr_name);
	if (!dev)
		return -ENODEV;
	ret = is_inet_cmd(cmd) ? inet_ifioctl(cmd, &r, dev) : dev_ifioctl(cmd, &r, dev);
	if (ret == 1)
		ret = copy_to_user(u, &r, sizeof(r)) ? -EFAULT : 0;
	return ret;
}
