/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The network-device layer (kernel/net/netdev.c): Ethernet-style devices
 * between their drivers (exts/virtio_net, the loopback device) and one
 * protocol handler (the TCP/IP stack).
 *
 * A driver fills a struct net_device (MAC, MTU, features, ops, its
 * driver-gate instance) and calls netdev_register(), which names it
 * (eth0, eth1, ... unless it has a name) and gives it an ifindex (lo is
 * 1).  The stack sends frames with netdev_xmit() / netdev_xmit_batch();
 * a frame is a list of segments the driver copies before the call returns,
 * so the caller's memory is its own again at once.  A frame may ask for a
 * ones'-complement checksum to be filled in (NETDEV_TX_CSUM, from
 * csum_start to the end, stored at csum_start + csum_offset, as Linux's
 * CHECKSUM_PARTIAL): the device does it when it has NETDEV_F_TX_CSUM,
 * the layer otherwise.  A driver hands each received frame to
 * netdev_rx(), from any context, which counts it and passes it to the
 * handler (netdev_set_handler) in that context: the handler copies what
 * it keeps and must not sleep.
 *
 * Every call into a driver (open, stop, xmit) is a crossing of the
 * driver gate (<kernel/driver.h>, op "ctl" or "xmit"): a driver that
 * faults fails its device, the call returns -EIO, the device is marked
 * down (every later call: -ENETDOWN), and the kernel goes on.
 *
 * /proc/net/dev shows each device's counters in Linux's format.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

#define NETDEV_NAME_MAX	 16 /* IFNAMSIZ */
#define NETDEV_ADDR_LEN	 6
#define NETDEV_ETH_HLEN	 14
#define NETDEV_VLAN_HLEN 4
#define NETDEV_MAX_SEGS	 16 /* segments of one frame */
#define NETDEV_MAX	 16 /* devices at once */

struct net_device;
struct drv_instance;

/* features (net_device.features) */
#define NETDEV_F_TX_CSUM 0x1u /* fills NETDEV_TX_CSUM checksums itself */
#define NETDEV_F_RX_CSUM 0x2u /* says which received frames' checksums are good */

/* frame flags: NETDEV_TX_* for netdev_xmit, NETDEV_RX_* for netdev_rx */
#define NETDEV_TX_CSUM	     0x1u /* fill the checksum (csum_start, csum_offset) */
#define NETDEV_RX_CSUM_VALID 0x1u /* the device checked the L4 checksum: good */

/* One piece of a frame. */
struct net_seg {
	const void *addr;
	uint32_t len;
};

/* A frame to send: `nsegs` segments, the Ethernet header first. */
struct net_frame {
	const struct net_seg *segs;
	unsigned nsegs;
	unsigned flags;	      /* NETDEV_TX_* */
	uint16_t csum_start;  /* NETDEV_TX_CSUM: from this byte of the frame */
	uint16_t csum_offset; /* ... the sum goes at csum_start + csum_offset */
	const void *origin;   /* the packet socket that sent it (its tap skips it), or NULL */
};

/* Counters, as Linux's rtnl_link_stats64 names them (/proc/net/dev). */
struct net_stats {
	uint64_t rx_packets, rx_bytes, rx_errors, rx_dropped, rx_fifo_errors, rx_frame_errors,
		rx_length_errors, multicast;
	uint64_t tx_packets, tx_bytes, tx_errors, tx_dropped, tx_fifo_errors, collisions,
		tx_carrier_errors;
};

/* What a driver implements; only the layer calls them (through the gate).
 * Any context but where noted; none may sleep except open and stop. */
struct net_device_ops {
	/* Start the device (may sleep): 0 or -errno.  NULL: nothing to do. */
	int (*open)(struct net_device *dev);
	/* Stop it (may sleep).  NULL: nothing to do. */
	void (*stop)(struct net_device *dev);
	/* Queue frames[0..n) (each checked by the layer: at least an
	 * Ethernet header, at most the MTU's worth, NETDEV_TX_CSUM only with
	 * NETDEV_F_TX_CSUM) and tell the device: how many were taken, in
	 * order (fewer when the queue is full), or -errno.  The frames'
	 * memory is not used after it returns. */
	int (*xmit)(struct net_device *dev, const struct net_frame *frames, unsigned n);
};

struct net_device {
	/* set by the driver before netdev_register */
	char name[NETDEV_NAME_MAX]; /* "" : the layer names it eth<N> */
	uint8_t addr[NETDEV_ADDR_LEN];
	unsigned mtu;	   /* payload bytes of a frame after its Ethernet header */
	unsigned features; /* NETDEV_F_* */
	unsigned type;	   /* ARPHRD_ETHER, ARPHRD_LOOPBACK */
	const struct net_device_ops *ops;
	struct drv_instance *drv; /* its gate instance (NULL: the kernel's own, lo) */
	void *priv;		  /* the driver's */
	/* the layer's (atomics, or set once at register) */
	int ifindex;
	unsigned flags; /* IFF_UP, IFF_RUNNING, IFF_LOWER_UP, ... (linux/if.h) */
	bool carrier;
	bool failed;	  /* its driver faulted: down for good */
	unsigned max_mtu; /* the driver's MTU at register: the largest allowed */
	struct net_stats stats;
};

/* Register `dev`: named (eth<N> when dev->name is empty), numbered, listed
 * in /proc/net/dev, down until netdev_open.  0, -EEXIST (the name is
 * taken), -ENOSPC (NETDEV_MAX devices), -EINVAL (no ops or xmit, MTU 0). */
int netdev_register(struct net_device *dev) __must_check;
/* The device called `name`, or with index `ifindex`; NULL if none. */
struct net_device *netdev_by_name(const char *name);
struct net_device *netdev_by_index(int ifindex);
/* Call fn for each device in ifindex order until it returns nonzero (which
 * is returned). */
int netdev_for_each(int (*fn)(struct net_device *dev, void *arg), void *arg);

/* Bring the device up (IFF_UP, and RUNNING while it has carrier) or down.
 * May sleep.  netdev_open: 0, -ENETDOWN (its driver failed), -EIO (it
 * faulted now), the driver's errno. */
int netdev_open(struct net_device *dev) __must_check;
void netdev_stop(struct net_device *dev);
/* Change the MTU (68, or 0 for lo, up to the driver's): 0 or -EINVAL. */
int netdev_set_mtu(struct net_device *dev, unsigned mtu) __must_check;

/* Send one frame / several (each on its own: a bad one stops the batch
 * there).  How many frames went to the device (netdev_xmit: 0 for the
 * one frame), or -ENETDOWN (down, or its driver failed earlier), -EIO (the
 * driver faulted in this call: the device is down from now on), -EINVAL
 * (an empty frame, no segments, too many, a checksum place outside it),
 * -EMSGSIZE (longer than the MTU allows), -ENOBUFS (the device's queue
 * is full: nothing was sent).  Any context; does not sleep. */
int netdev_xmit(struct net_device *dev, const struct net_frame *f) __must_check;
int netdev_xmit_batch(struct net_device *dev, const struct net_frame *frames, unsigned n)
	__must_check;

/* For drivers: a frame arrived (its bytes are read during the call only).
 * Any context. */
void netdev_rx(struct net_device *dev, const void *frame, size_t len, unsigned flags);
/* For drivers: the link came up or went down. */
void netdev_carrier(struct net_device *dev, bool on);
/* For drivers: count a receive error (a bad frame from the device,
 * NETDEV_RX_ERR_*) or a dropped one. */
enum netdev_rx_err { NETDEV_RX_ERR_LENGTH, NETDEV_RX_ERR_FRAME, NETDEV_RX_ERR_DROPPED };
void netdev_rx_error(struct net_device *dev, enum netdev_rx_err kind);

/* The protocol handler (one; NULL removes it): gets every received frame
 * of every device, in the context netdev_rx was called in.  Returns the
 * previous one. */
typedef void (*netdev_rx_fn)(struct net_device *dev, const void *frame, size_t len, unsigned flags);
netdev_rx_fn netdev_set_handler(netdev_rx_fn fn);

/* A number that changes whenever a device is registered, opened, stopped,
 * fails, or its carrier changes (the stack looks again when it moved). */
unsigned netdev_generation(void);

/* A snapshot of the counters. */
void netdev_get_stats(const struct net_device *dev, struct net_stats *out);
/* /proc/net/dev's text into buf (cut at size): its length. */
size_t netdev_proc_show(char *buf, size_t size);

/* Boot (kernel_main, before the drivers): the registry and lo. */
void netdev_init(void);

/* Ones'-complement (Internet) checksum helpers, kernel/net/csum.c. */
/* Add len bytes at p to the 32-bit accumulator `sum`, as if they began at
 * an even offset of the summed data when `odd` is false. */
uint32_t csum_add_bytes(uint32_t sum, const void *p, size_t len, bool odd);
/* Fold a 32-bit accumulator to 16 bits and complement it. */
uint16_t csum_fold(uint32_t sum);
