/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Private to the virtio-net driver: its device record, for its self-tests. */
#pragma once

#include <linux/virtio_net.h>
#include <kernel/driver.h>
#include <kernel/netdev.h>
#include <virtio/virtio.h>

#define VNET_MAX     8	  /* devices */
#define VNET_QUEUE   128  /* entries of each queue at most */
#define VNET_BUF     2048 /* bytes of each receive and transmit buffer */
#define VNET_HDR     sizeof(struct virtio_net_hdr_v1)
#define VNET_BUDGET  32	  /* frames taken from the receive queue per round */
#define VNET_MTU_MAX 1500 /* what fits a buffer with its headers */

struct vnet {
	struct virtio_dev vd;
	struct drv_instance *in;
	struct net_device ndev;
	struct virtqueue *rxq, *txq;
	struct drv_lock rx_lock; /* rxq, rx_skip */
	struct drv_lock tx_lock; /* txq, tx_free, tx_nfree */
	char *rx_mem;		 /* rxq->size buffers of VNET_BUF */
	dma_addr_t rx_dma;
	char *tx_mem; /* txq->size buffers of VNET_BUF */
	dma_addr_t tx_dma;
	uint16_t *tx_free;
	unsigned tx_nfree;
	unsigned rx_skip; /* buffers of a merged frame still to drop */
	bool mrg;	  /* VIRTIO_NET_F_MRG_RXBUF */
	/* counted for the self-tests (atomics) */
	uint64_t tx_kicks, rx_rounds, rx_irqs;
};

/* A used receive buffer (header and frame) to the layer, checked. */
void vnet_rx_frame(struct vnet *vn, char *buf, uint32_t len);
/* The i-th device probed (eth order of the virtio NICs), or NULL. */
struct vnet *vnet_dev(unsigned i);
