/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sysfs's network devices (sysfs_net.c), for sysfs.c.  Private to kernel/fs. */
#pragma once

#include <klib/types.h>

struct pbuf;
struct net_device;

/* A device's attributes (/sys/class/net/<if>/...), in Linux's formats. */
enum sys_net_attr {
	NET_ATTR_ADDR_LEN,
	NET_ATTR_ADDRESS,
	NET_ATTR_BROADCAST,
	NET_ATTR_CARRIER,
	NET_ATTR_FLAGS,
	NET_ATTR_IFINDEX,
	NET_ATTR_IFLINK,
	NET_ATTR_MTU,
	NET_ATTR_OPERSTATE,
	NET_ATTR_TYPE,
	NET_ATTR_UEVENT,
	/* statistics/ */
	NET_ATTR_COLLISIONS,
	NET_ATTR_MULTICAST,
	NET_ATTR_RX_BYTES,
	NET_ATTR_RX_COMPRESSED,
	NET_ATTR_RX_DROPPED,
	NET_ATTR_RX_ERRORS,
	NET_ATTR_RX_FIFO_ERRORS,
	NET_ATTR_RX_FRAME_ERRORS,
	NET_ATTR_RX_LENGTH_ERRORS,
	NET_ATTR_RX_PACKETS,
	NET_ATTR_TX_BYTES,
	NET_ATTR_TX_CARRIER_ERRORS,
	NET_ATTR_TX_COMPRESSED,
	NET_ATTR_TX_DROPPED,
	NET_ATTR_TX_ERRORS,
	NET_ATTR_TX_FIFO_ERRORS,
	NET_ATTR_TX_PACKETS,
};
/* The attribute's text with its newline: 0, or -EINVAL where Linux's read
 * fails (carrier of a device that is down). */
int sysfs_net_show(struct pbuf *b, enum sys_net_attr a, const struct net_device *dev);
