/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * virtio-net (virtio spec 1.2, section 5.1) over the virtio PCI transport:
 * each device is a network device of the layer (<kernel/netdev.h>), named
 * eth0, eth1, ... in probe order.  Queue 0 receives, queue 1 transmits;
 * no control queue (the device then passes every frame up: promiscuous).
 *
 * Every frame in either direction is preceded by a virtio_net_hdr_v1 (12
 * bytes with VERSION_1).  Receiving: the queue is kept full of buffers
 * of VNET_BUF bytes in DMA memory; the queue's interrupt drains it
 * NAPI-style: with its interrupts off, at most VNET_BUDGET frames a round
 * are taken, handed to the layer with the lock dropped, their buffers
 * given back with one notification, and when a round comes up short
 * interrupts go back on and the queue is checked once more for a frame
 * that beat them.  Transmitting: each frame is copied behind its header
 * into a buffer of its own (one descriptor), a batch is queued with one
 * notification, and finished buffers are reclaimed on the next send (the
 * queue's interrupts stay off; its callback reclaims too if one comes).
 *
 * Negotiated when offered: VERSION_1, MAC (else a fixed local address),
 * STATUS (the link state, followed on configuration interrupts; else the
 * link is always up), MTU (capped at VNET_MTU_MAX), MRG_RXBUF (a frame
 * then says how many buffers it took; one always fits, so a frame over
 * several is dropped as an error with its other buffers), CSUM (the
 * device fills a frame's checksum: NETDEV_F_TX_CSUM), GUEST_CSUM (it says
 * which received frames' checksums are good: DATA_VALID, or NEEDS_CSUM,
 * a partial checksum from a local sender), INDIRECT_DESC and EVENT_IDX
 * (the transport's).  QEMU's user network has no virtio header of its
 * own, so it offers neither CSUM nor GUEST_CSUM: the layer sums in
 * software there.
 *
 * What the device writes is checked: the transport checks each used
 * entry (an id it was given, a length within the buffer), and a frame
 * shorter than its header or with num_buffers 0 is counted as an error
 * and dropped.
 *
 * Locking: rx_lock guards the receive queue, tx_lock the transmit queue
 * and its free buffers (drv_locks: interrupts off, leaves); frames go to
 * the layer with neither held.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/if_arp.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_net.h>
#include <linux/virtio_ring.h>
#include <platform/dma.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/pci.h>
#include <kernel/driver.h>
#include <kernel/netdev.h>
#include <virtio/virtio.h>
#include "virtio_net.h"

#define CFG(f) offsetof(struct virtio_net_config, f)

static struct vnet *devs[VNET_MAX]; /* probed, in order (written at probe only) */
static unsigned ndevs;

static void count(uint64_t *c)
{
	__atomic_add_fetch(c, 1, __ATOMIC_RELAXED);
}

/* ---- receiving ---- */

/* Give receive buffer `buf` to the device (rx_lock held). */
static int rx_post(struct vnet *vn, char *buf)
{
	struct vq_seg seg = {vn->rx_dma + (dma_addr_t)(buf - vn->rx_mem), VNET_BUF, true};

	return vq_add(vn->rxq, &seg, 1, buf);
}

/* One used receive buffer of `len` bytes to the layer (no lock held;
 * the receive interrupt's, or a self-test's on an idle device). */
void vnet_rx_frame(struct vnet *vn, char *buf, uint32_t len)
{
	const struct virtio_net_hdr_v1 *h = (const struct virtio_net_hdr_v1 *)buf;
	unsigned flags = 0;
	uint16_t nbufs;

	if (vn->rx_skip) { /* the rest of a frame that came in several */
		vn->rx_skip--;
		return;
	}
	if (len < VNET_HDR) {
		netdev_rx_error(&vn->ndev, NETDEV_RX_ERR_LENGTH);
		return;
	}
	if (vn->mrg) {
		nbufs = (__force uint16_t)h->num_buffers;
		if (nbufs != 1) {
			/* never needed (a frame fits a buffer); its others are dropped too */
			vn->rx_skip = nbufs ? nbufs - 1u : 0;
			netdev_rx_error(&vn->ndev, NETDEV_RX_ERR_FRAME);
			return;
		}
	}
	if (virtio_has(&vn->vd, VIRTIO_NET_F_GUEST_CSUM) &&
	    (h->flags & (VIRTIO_NET_HDR_F_DATA_VALID | VIRTIO_NET_HDR_F_NEEDS_CSUM)))
		flags |= NETDEV_RX_CSUM_VALID;
	netdev_rx(&vn->ndev, buf + VNET_HDR, len - VNET_HDR, flags);
}

/* The receive queue's interrupt: drain it in rounds of VNET_BUDGET. */
static void rx_done(struct virtqueue *vq)
{
	struct vnet *vn = vq->priv;
	struct {
		char *buf;
		uint32_t len;
	} got[VNET_BUDGET];

	count(&vn->rx_irqs);
	for (;;) {
		irqflags_t f = drv_lock(&vn->rx_lock);
		unsigned n = 0;
		bool done;

		vq_disable_cb(vq);
		while (n < VNET_BUDGET && (got[n].buf = vq_get_used(vq, &got[n].len)))
			n++;
		drv_unlock(&vn->rx_lock, f);
		count(&vn->rx_rounds);
		for (unsigned i = 0; i < n; i++)
			vnet_rx_frame(vn, got[i].buf, got[i].len);
		f = drv_lock(&vn->rx_lock);
		for (unsigned i = 0; i < n; i++) {
			/* the slot it left is free: only a broken device refuses */
			if (rx_post(vn, got[i].buf))
				break;
		}
		if (n)
			vq_kick(vq);
		done = vn->vd.broken || (n < VNET_BUDGET && vq_enable_cb(vq));
		drv_unlock(&vn->rx_lock, f);
		if (done)
			break;
	}
}

/* ---- transmitting ---- */

/* Take back the buffers the device has sent (tx_lock held). */
static void tx_reclaim(struct vnet *vn)
{
	char *buf;
	uint32_t len;

	while ((buf = vq_get_used(vn->txq, &len)))
		vn->tx_free[vn->tx_nfree++] = (uint16_t)((buf - vn->tx_mem) / VNET_BUF);
}

static void tx_done(struct virtqueue *vq)
{
	struct vnet *vn = vq->priv;
	irqflags_t f = drv_lock(&vn->tx_lock);

	tx_reclaim(vn);
	vq_disable_cb(vq);
	drv_unlock(&vn->tx_lock, f);
}

/* Frame `fr` behind a header in buffer `buf`: its length with the header. */
static uint32_t tx_fill(struct vnet *vn, char *buf, const struct net_frame *fr)
{
	struct virtio_net_hdr_v1 *h = (struct virtio_net_hdr_v1 *)buf;
	uint32_t len = VNET_HDR;

	memset(h, 0, VNET_HDR);
	if (fr->flags & NETDEV_TX_CSUM) {
		h->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
		h->csum_start = (__force __virtio16)fr->csum_start;
		h->csum_offset = (__force __virtio16)fr->csum_offset;
	}
	h->gso_type = VIRTIO_NET_HDR_GSO_NONE;
	for (unsigned i = 0; i < fr->nsegs; i++) {
		/* the layer keeps frames within the MTU, which fits */
		DRV_ASSERT(fr->segs[i].len <= VNET_BUF - len);
		memcpy(buf + len, fr->segs[i].addr, fr->segs[i].len);
		len += fr->segs[i].len;
	}
	return len;
}

static int vnet_xmit(struct net_device *nd, const struct net_frame *frames, unsigned n)
{
	struct vnet *vn = nd->priv;
	irqflags_t f = drv_lock(&vn->tx_lock);
	unsigned i;
	int r = 0;

	tx_reclaim(vn);
	for (i = 0; i < n; i++) {
		unsigned slot;
		char *buf;
		struct vq_seg seg;

		if (!vn->tx_nfree)
			break;
		slot = vn->tx_free[--vn->tx_nfree];
		buf = vn->tx_mem + (size_t)slot * VNET_BUF;
		seg = (struct vq_seg){vn->tx_dma + (dma_addr_t)slot * VNET_BUF,
				      tx_fill(vn, buf, &frames[i]), false};
		r = vq_add(vn->txq, &seg, 1, buf);
		if (r) {
			vn->tx_free[vn->tx_nfree++] = (uint16_t)slot;
			break;
		}
	}
	if (i) {
		vq_kick(vn->txq);
		count(&vn->tx_kicks);
	}
	drv_unlock(&vn->tx_lock, f);
	if (!i && (r == -EIO || vn->vd.broken))
		return -EIO;
	return (int)i;
}

/* ---- the link ---- */

static bool link_up(struct vnet *vn)
{
	if (!virtio_has(&vn->vd, VIRTIO_NET_F_STATUS))
		return true;
	return virtio_cfg_read16(&vn->vd, CFG(status)) & VIRTIO_NET_S_LINK_UP;
}

static void config_changed(struct virtio_dev *vd)
{
	struct vnet *vn = vd->priv;

	netdev_carrier(&vn->ndev, link_up(vn));
}

static int vnet_open(struct net_device *nd)
{
	struct vnet *vn = nd->priv;

	if (vn->vd.broken)
		return -EIO;
	netdev_carrier(nd, link_up(vn));
	return 0;
}

static const struct net_device_ops vnet_ops = {
	.open = vnet_open,
	.xmit = vnet_xmit,
};

/* ---- the device ---- */

static void read_config(struct vnet *vn)
{
	struct virtio_dev *vd = &vn->vd;
	unsigned mtu = VNET_MTU_MAX;

	if (virtio_has(vd, VIRTIO_NET_F_MAC)) {
		for (unsigned i = 0; i < NETDEV_ADDR_LEN; i++)
			vn->ndev.addr[i] = virtio_cfg_read8(vd, CFG(mac) + i);
	} else {
		/* locally administered, unique per function */
		static const uint8_t local[NETDEV_ADDR_LEN] = {0x02, 0x4b, 0x56, 0, 0, 0};

		memcpy(vn->ndev.addr, local, sizeof(local));
		vn->ndev.addr[3] = vd->pci->bus;
		vn->ndev.addr[4] = vd->pci->slot;
		vn->ndev.addr[5] = vd->pci->func;
	}
	if (virtio_has(vd, VIRTIO_NET_F_MTU)) {
		unsigned m = virtio_cfg_read16(vd, CFG(mtu));

		if (m >= 68 && m < mtu)
			mtu = m;
	}
	vn->ndev.mtu = mtu;
	vn->mrg = virtio_has(vd, VIRTIO_NET_F_MRG_RXBUF);
	vn->ndev.features = (virtio_has(vd, VIRTIO_NET_F_CSUM) ? NETDEV_F_TX_CSUM : 0) |
			    (virtio_has(vd, VIRTIO_NET_F_GUEST_CSUM) ? NETDEV_F_RX_CSUM : 0);
}

static int setup(struct vnet *vn, struct pci_dev *pci)
{
	static const vq_callback cbs[2] = {rx_done, tx_done};
	void *priv[2] = {vn, vn};
	uint64_t want = 1ull << VIRTIO_F_VERSION_1 | 1ull << VIRTIO_RING_F_INDIRECT_DESC |
			1ull << VIRTIO_RING_F_EVENT_IDX | 1ull << VIRTIO_NET_F_MAC |
			1ull << VIRTIO_NET_F_STATUS | 1ull << VIRTIO_NET_F_MTU |
			1ull << VIRTIO_NET_F_MRG_RXBUF | 1ull << VIRTIO_NET_F_CSUM |
			1ull << VIRTIO_NET_F_GUEST_CSUM;
	irqflags_t f;
	int r;

	r = virtio_pci_init(&vn->vd, pci);
	if (r)
		return r;
	vn->vd.drv = vn->in;
	vn->vd.priv = vn;
	vn->vd.config_changed = config_changed;
	r = virtio_negotiate(&vn->vd, want);
	if (r)
		return r;
	read_config(vn);
	r = virtio_setup_queues(&vn->vd, 2, VNET_QUEUE, cbs, priv);
	if (r)
		return r;
	vn->rxq = vn->vd.vqs[0];
	vn->txq = vn->vd.vqs[1];
	vn->rx_mem = dma_alloc((size_t)vn->rxq->size * VNET_BUF, &vn->rx_dma);
	vn->tx_mem = dma_alloc((size_t)vn->txq->size * VNET_BUF, &vn->tx_dma);
	vn->tx_free = kzalloc(vn->txq->size * sizeof(*vn->tx_free));
	if (!vn->rx_mem || !vn->tx_mem || !vn->tx_free)
		return -ENOMEM;
	for (unsigned i = 0; i < vn->txq->size; i++)
		vn->tx_free[i] = (uint16_t)i;
	vn->tx_nfree = vn->txq->size;
	vq_disable_cb(vn->txq);
	f = drv_lock(&vn->rx_lock);
	for (unsigned i = 0; i < vn->rxq->size && !r; i++)
		r = rx_post(vn, vn->rx_mem + (size_t)i * VNET_BUF);
	drv_unlock(&vn->rx_lock, f);
	if (r)
		return r;
	virtio_driver_ok(&vn->vd);
	vq_kick(vn->rxq);
	return 0;
}

static int vnet_probe(struct pci_dev *pci, const struct pci_device_id *id)
{
	struct vnet *vn;
	int r;

	if (ndevs >= VNET_MAX)
		return -ENOSPC;
	vn = kzalloc(sizeof(*vn));
	if (!vn)
		return -ENOMEM;
	vn->in = drv_instance_new("virtio_net", pci);
	if (!vn->in) {
		kfree(vn);
		return -ENOMEM;
	}
	drv_lock_init(&vn->rx_lock, vn->in, "virtio_net rx");
	drv_lock_init(&vn->tx_lock, vn->in, "virtio_net tx");
	r = setup(vn, pci);
	if (r) {
		pr_err("virtio_net %02x:%02x.%x: cannot set up the device: error %d\n", pci->bus,
		       pci->slot, pci->func, r);
		if (vn->vd.common)
			virtio_reset(&vn->vd);
		return r; /* its memory stays: the device may have seen it */
	}
	vn->ndev.type = ARPHRD_ETHER;
	vn->ndev.ops = &vnet_ops;
	vn->ndev.drv = vn->in;
	vn->ndev.priv = vn;
	r = netdev_register(&vn->ndev);
	if (r) {
		pr_err("virtio_net %02x:%02x.%x: cannot register: error %d\n", pci->bus, pci->slot,
		       pci->func, r);
		virtio_reset(&vn->vd);
		return r;
	}
	netdev_carrier(&vn->ndev, link_up(vn));
	devs[ndevs++] = vn;
	pr_info("%s: virtio-net %02x:%02x.%x, %s, queues %u/%u, link %s, features %#llx\n",
		vn->ndev.name, pci->bus, pci->slot, pci->func, vn->vd.msix ? "MSI-X" : "INTx",
		vn->rxq->size, vn->txq->size, link_up(vn) ? "up" : "down",
		(unsigned long long)vn->vd.features);
	return 0;
}

struct vnet *vnet_dev(unsigned i)
{
	return i < ndevs ? devs[i] : NULL;
}

static const struct pci_device_id vnet_ids[] = {
	/* modern (1.x) virtio-net; the transitional id 0x1000 with a modern
	 * interface as well, which QEMU's virtio-net-pci offers by default */
	{.vendor = 0x1af4, .device = 0x1040 + VIRTIO_ID_NET, .class_mask = 0},
	{.vendor = 0x1af4, .device = 0x1000, .class_mask = 0},
	{0},
};

static const struct pci_driver vnet_pci = {
	.name = "virtio_net",
	.ids = vnet_ids,
	.probe = vnet_probe,
};

static int vnet_init(void)
{
	return pci_register_driver(&vnet_pci);
}

static const struct driver virtio_net_driver = {.name = "virtio_net", .init = vnet_init};
DRIVER(virtio_net_driver);
