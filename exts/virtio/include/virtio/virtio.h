/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The virtio 1.x PCI transport and split virtqueues (exts/virtio/), the
 * part every virtio driver shares (virtio-blk, virtio-net).
 *
 * A driver's PCI probe calls virtio_pci_init() on a modern device (the
 * vendor capabilities COMMON_CFG, NOTIFY_CFG, ISR_CFG, DEVICE_CFG): the
 * device is reset and acknowledged.  It reads the offered features
 * (virtio_features), negotiates the ones it wants with virtio_negotiate
 * (VIRTIO_F_VERSION_1 always; the ring features INDIRECT_DESC and
 * EVENT_IDX when offered), reads its configuration (virtio_cfg_read*),
 * sets up its queues (virtio_setup_queues: MSI-X with one vector for
 * configuration changes and one per queue, else the shared INTx line with
 * the ISR register) and finally virtio_driver_ok().  virtio_reset() stops
 * the device (it forgets its queues and stops DMA).
 *
 * A virtqueue is not locked here: its driver serialises vq_add, vq_kick
 * and vq_get_used on one queue with a lock of its own (the interrupt
 * handler takes it too).  Queue callbacks run in interrupt context.
 *
 * Whatever the device writes is checked: a used-ring entry naming a
 * descriptor that is not outstanding, or a length past what was offered,
 * marks the device broken (vq_get_used says so, and the driver fails its
 * requests with -EIO); nothing the device writes can make the driver
 * touch memory it did not hand out.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <platform/dma.h>

struct pci_dev;
struct virtqueue;
struct virtio_dev;

#define VIRTIO_MAX_QUEUES 8

typedef void (*vq_callback)(struct virtqueue *vq);

struct drv_instance;

struct virtio_dev {
	struct pci_dev *pci;
	struct drv_instance *drv; /* set by the driver after virtio_pci_init */
	void __iomem *common;	  /* struct virtio_pci_common_cfg */
	void __iomem *isr;
	void __iomem *device; /* the device-specific configuration */
	void __iomem *notify;
	uint32_t device_len, notify_len;
	uint32_t notify_mult;
	uint64_t features; /* negotiated */
	unsigned nvqs;
	struct virtqueue *vqs[VIRTIO_MAX_QUEUES];
	bool msix;   /* one vector per queue; else INTx and the ISR */
	bool broken; /* the device misbehaved: its queues are dead */
	void (*config_changed)(struct virtio_dev *vd); /* interrupt context; may be NULL */
	void *priv;				       /* the driver's */
	/* entries of each indirect table (set before virtio_setup_queues;
	 * 0: 16): a driver whose requests have many segments asks more */
	unsigned ind_max;
};

/* One run of memory of a request: `out` (device reads it) or in (writes). */
struct vq_seg {
	dma_addr_t addr;
	uint32_t len;
	bool in;
};

/* ---- the device ---- */

/* Find the capabilities, map them, reset the device and set ACKNOWLEDGE
 * and DRIVER.  0, -ENODEV (not a modern device, or a capability is
 * missing or lies outside its BAR), -ENOMEM. */
int virtio_pci_init(struct virtio_dev *vd, struct pci_dev *pci) __must_check;
/* The features the device offers (all 64 bits). */
uint64_t virtio_features(struct virtio_dev *vd);
/* Accept `wanted & offered` (VERSION_1 must be among them): FEATURES_OK
 * written and read back.  0, or -ENODEV (the device refused; FAILED is
 * set). */
int virtio_negotiate(struct virtio_dev *vd, uint64_t wanted) __must_check;
static inline bool virtio_has(const struct virtio_dev *vd, unsigned bit)
{
	return vd->features & (1ull << bit);
}
/* Device configuration reads at `off`, consistent across the generation
 * counter (a 64-bit field read in two halves is retried if it changed).
 * Reads past the configuration's length give 0. */
uint8_t virtio_cfg_read8(struct virtio_dev *vd, unsigned off);
uint16_t virtio_cfg_read16(struct virtio_dev *vd, unsigned off);
uint32_t virtio_cfg_read32(struct virtio_dev *vd, unsigned off);
uint64_t virtio_cfg_read64(struct virtio_dev *vd, unsigned off);
/* Make queues 0..n-1 (at most `max_size` entries each, a power of two),
 * with their interrupts: MSI-X (vector 0 configuration, 1 + i queue i)
 * when the device has enough vectors, else INTx.  `cbs[i]` runs for
 * queue i's interrupts, `priv[i]` is its vq->priv.  0, -ENOMEM, -ENODEV
 * (the device has fewer queues, a queue has size 0, no interrupt). */
int virtio_setup_queues(struct virtio_dev *vd, unsigned n, unsigned max_size,
			const vq_callback *cbs, void *const *priv) __must_check;
/* DRIVER_OK: the device may use the queues now. */
void virtio_driver_ok(struct virtio_dev *vd);
/* Reset (status 0, read back): the device forgets its queues and stops
 * using memory; queue memory stays allocated (the driver may still hold
 * its requests). */
void virtio_reset(struct virtio_dev *vd);
/* The device status register (NEEDS_RESET, FAILED...). */
uint8_t virtio_status(struct virtio_dev *vd);

/* ---- virtqueues ---- */

struct virtqueue {
	struct virtio_dev *vdev;
	unsigned index;
	uint16_t size; /* entries, a power of two */
	void *priv;    /* the driver's */
	vq_callback callback;
	/* the rest is the transport's */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	dma_addr_t desc_dma, avail_dma, used_dma;
	void *ring_mem;
	size_t ring_bytes;
	void __iomem *notify;
	bool indirect, event_idx;
	bool cb_off; /* vq_disable_cb: no interrupt wanted */
	uint16_t num_free, free_head;
	uint16_t avail_idx;  /* ours: what we published */
	uint16_t kicked_idx; /* avail_idx at the last notification decision */
	uint16_t last_used;  /* the next used entry to read */
	void **cookie;	     /* per head: the request, NULL if free */
	uint16_t *next;	     /* per descriptor: the free list and chains (ours, not the device's) */
	uint16_t *chain_len; /* per head: descriptors it took (1 if indirect) */
	uint32_t *in_bytes;  /* per head: bytes the device may write */
	struct vring_desc **ind; /* per head: its indirect table, or NULL */
	dma_addr_t *ind_dma;	 /* per head */
	unsigned ind_max;	 /* entries of each indirect table */
};

/* Queue a request of `n` segments, device-readable ones first, under
 * `cookie` (non-NULL).  It takes one descriptor when the queue uses
 * indirect tables (and n > 1, n <= ind_max), else n.  0, -ENOSPC (no room
 * now: retry after completions), -EINVAL (n is 0 or too large ever to
 * fit), -EIO (the device is broken). */
int vq_add(struct virtqueue *vq, const struct vq_seg *segs, unsigned n, void *cookie) __must_check;
/* Publish what vq_add queued and notify the device if it wants it (event
 * index, or the used ring's NO_NOTIFY flag). */
void vq_kick(struct virtqueue *vq);
/* The next completed request: its cookie, with the bytes the device
 * wrote in *len; NULL when none is left.  A bad entry from the device
 * marks it broken and returns NULL (vd->broken). */
void *vq_get_used(struct virtqueue *vq, uint32_t *len);
/* Ask for an interrupt when the next request completes: false if one
 * completed meanwhile (the caller polls vq_get_used again). */
bool vq_enable_cb(struct virtqueue *vq);
/* Ask for no interrupts (a hint the device may ignore) until vq_enable_cb:
 * while a driver drains the queue, or for a queue it reclaims by polling
 * (a transmit queue). */
void vq_disable_cb(struct virtqueue *vq);
/* The cookies of every request still outstanding, each once, taking
 * them back (after a reset, or once the device is broken). */
void *vq_detach_next(struct virtqueue *vq);
/* Queued and not completed. */
static inline unsigned vq_outstanding(const struct virtqueue *vq)
{
	return vq->size - vq->num_free;
}
