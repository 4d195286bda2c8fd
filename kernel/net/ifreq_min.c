/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Stop-gap interface ioctls (ifreq_min.h): a device's index, hardware
 * address and flags, and bringing it up or down, by name in a struct
 * ifreq.  Superseded by the netcfg branch's SIOC* ioctls.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/sockios.h>
#include <platform/usercopy.h>
#include <kernel/cred.h>
#include <kernel/netdev.h>
#include "ifreq_min.h"

/* struct ifreq as Linux lays it out (40 bytes on 64-bit). */
struct ifreq_k {
	char name[NETDEV_NAME_MAX];
	union {
		struct {
			uint16_t family;
			uint8_t data[14];
		} addr;
		int16_t flags;
		int32_t ifindex;
		uint8_t pad[24];
	};
};

long ifreq_min_ioctl(unsigned cmd, uint64_t arg)
{
	struct ifreq_k ifr;
	struct net_device *dev;
	int r = 0;

	if (cmd != SIOCGIFINDEX && cmd != SIOCGIFHWADDR && cmd != SIOCGIFFLAGS &&
	    cmd != SIOCSIFFLAGS)
		return -ENOTTY;
	if (copy_from_user(&ifr, uptr(arg), sizeof(ifr)))
		return -EFAULT;
	ifr.name[NETDEV_NAME_MAX - 1] = '\0';
	dev = netdev_by_name(ifr.name);
	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFINDEX:
		ifr.ifindex = dev->ifindex;
		break;
	case SIOCGIFHWADDR:
		memset(&ifr.addr, 0, sizeof(ifr.addr));
		ifr.addr.family = (uint16_t)dev->type;
		memcpy(ifr.addr.data, dev->addr, NETDEV_ADDR_LEN);
		break;
	case SIOCGIFFLAGS:
		ifr.flags = (int16_t)__atomic_load_n(&dev->flags, __ATOMIC_ACQUIRE);
		break;
	case SIOCSIFFLAGS:
		if (!capable(CAP_NET_ADMIN))
			return -EPERM;
		if ((ifr.flags & IFF_UP) && !(dev->flags & IFF_UP))
			r = netdev_open(dev);
		else if (!(ifr.flags & IFF_UP) && (dev->flags & IFF_UP))
			netdev_stop(dev);
		return r;
	}
	return copy_to_user(uptr(arg), &ifr, sizeof(ifr)) ? -EFAULT : 0;
}
