/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_PACKET (kernel/net/packet.c): sockets that send and receive whole
 * link-layer frames on the network devices (<kernel/netdev.h>).
 *
 * The device layer hands every frame it receives and every frame it sends
 * to packet_rx()/packet_tx() when packet_tapped() is true (at least one
 * packet socket exists): one load and one branch per frame otherwise.
 * Both copy what the matching sockets keep and never sleep; they may be
 * called from interrupts.
 */
#pragma once

#include <klib/types.h>

struct net_device;
struct net_frame;
struct proto_ops;

#define AF_PACKET  17 /* Linux's include/linux/socket.h */
#define SOL_PACKET 263

extern const struct proto_ops packet_ops;

/* Packet sockets that exist (atomic; read by the device layer). */
extern unsigned packet_nsocks;

static inline bool packet_tapped(void)
{
	return __atomic_load_n(&packet_nsocks, __ATOMIC_RELAXED) != 0;
}

/* A frame `dev` received (len >= its Ethernet header), as netdev_rx got it
 * (`flags`: NETDEV_RX_*).  Any context. */
void packet_rx(struct net_device *dev, const void *frame, size_t len, unsigned flags);
/* A checked frame about to go to `dev`'s driver: PACKET_OUTGOING to the
 * sockets of every protocol (ETH_P_ALL).  Any context. */
void packet_tx(struct net_device *dev, const struct net_frame *f);
/* The TCP/IP stack's own loopback traffic (kernel/fs/service_net.c's
 * svc_packet_loop): one IP packet in `nsegs` segments, shown on `lo` with
 * an Ethernet header of zero addresses, as sent and as received. */
struct net_seg;
void packet_loop(const struct net_seg *segs, unsigned nsegs, bool ipv6);
