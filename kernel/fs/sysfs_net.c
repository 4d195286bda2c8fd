/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The attributes of /sys/class/net/<if>/ (directories in
 * /sys/devices/virtual/net/, sysfs.c), from the netdev layer's device
 * (<kernel/netdev.h>), in the formats Linux's net-sysfs prints: numbers
 * in decimal, flags in hex with 0x, addresses as colon-separated hex,
 * operstate as RFC 2863's word.  Reading carrier of a device that is not
 * up fails with EINVAL, as on Linux.
 */
#include <klib/errno.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <kernel/netdev.h>
#include "procfs.h"
#include "sysfs_net.h"

static void show_addr(struct pbuf *b, const uint8_t *a)
{
	pbuf_printf(b, "%02x:%02x:%02x:%02x:%02x:%02x\n", a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* Linux's dev->operstate as the file names it: a device that is up with
 * its link is "up" (lo, which has no link state, "unknown"), else "down". */
static const char *operstate(const struct net_device *dev)
{
	if (!(dev->flags & IFF_UP) || !dev->carrier)
		return "down";
	return dev->type == ARPHRD_LOOPBACK ? "unknown" : "up";
}

static uint64_t stat_of(const struct net_stats *st, enum sys_net_attr a)
{
	switch (a) {
	case NET_ATTR_COLLISIONS:
		return st->collisions;
	case NET_ATTR_MULTICAST:
		return st->multicast;
	case NET_ATTR_RX_BYTES:
		return st->rx_bytes;
	case NET_ATTR_RX_DROPPED:
		return st->rx_dropped;
	case NET_ATTR_RX_ERRORS:
		return st->rx_errors;
	case NET_ATTR_RX_FIFO_ERRORS:
		return st->rx_fifo_errors;
	case NET_ATTR_RX_FRAME_ERRORS:
		return st->rx_frame_errors;
	case NET_ATTR_RX_LENGTH_ERRORS:
		return st->rx_length_errors;
	case NET_ATTR_RX_PACKETS:
		return st->rx_packets;
	case NET_ATTR_TX_BYTES:
		return st->tx_bytes;
	case NET_ATTR_TX_CARRIER_ERRORS:
		return st->tx_carrier_errors;
	case NET_ATTR_TX_DROPPED:
		return st->tx_dropped;
	case NET_ATTR_TX_ERRORS:
		return st->tx_errors;
	case NET_ATTR_TX_FIFO_ERRORS:
		return st->tx_fifo_errors;
	case NET_ATTR_TX_PACKETS:
		return st->tx_packets;
	default: /* compressed: never */
		return 0;
	}
}

int sysfs_net_show(struct pbuf *b, enum sys_net_attr a, const struct net_device *dev)
{
	static const uint8_t zero[NETDEV_ADDR_LEN],
		ones[NETDEV_ADDR_LEN] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	bool lo = dev->type == ARPHRD_LOOPBACK;
	struct net_stats st;

	switch (a) {
	case NET_ATTR_ADDR_LEN:
		pbuf_printf(b, "%d\n", NETDEV_ADDR_LEN);
		break;
	case NET_ATTR_ADDRESS:
		show_addr(b, dev->addr);
		break;
	case NET_ATTR_BROADCAST:
		show_addr(b, lo ? zero : ones);
		break;
	case NET_ATTR_CARRIER:
		if (!(dev->flags & IFF_UP))
			return -EINVAL;
		pbuf_printf(b, "%d\n", dev->carrier ? 1 : 0);
		break;
	case NET_ATTR_FLAGS: /* the administrative flags, as SIOCGIFFLAGS minus RUNNING */
		pbuf_printf(b, "%#x\n", dev->flags & ~(unsigned)(IFF_RUNNING | IFF_LOWER_UP));
		break;
	case NET_ATTR_IFINDEX:
	case NET_ATTR_IFLINK:
		pbuf_printf(b, "%d\n", dev->ifindex);
		break;
	case NET_ATTR_MTU:
		pbuf_printf(b, "%u\n", dev->mtu);
		break;
	case NET_ATTR_OPERSTATE:
		pbuf_printf(b, "%s\n", operstate(dev));
		break;
	case NET_ATTR_TYPE:
		pbuf_printf(b, "%u\n", dev->type);
		break;
	case NET_ATTR_UEVENT:
		pbuf_printf(b, "INTERFACE=%s\nIFINDEX=%d\n", dev->name, dev->ifindex);
		break;
	default:
		netdev_get_stats(dev, &st);
		pbuf_printf(b, "%llu\n", (unsigned long long)stat_of(&st, a));
		break;
	}
	return 0;
}
