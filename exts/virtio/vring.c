/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Split virtqueues (virtio spec 1.2, section 2.7): a descriptor table,
 * the available ring the driver fills and the used ring the device
 * fills, in one block of DMA memory.  A request of several segments
 * takes one descriptor pointing at an indirect table of its own (when
 * VIRTIO_F_RING_INDIRECT_DESC was negotiated), else a chain.  With
 * VIRTIO_F_RING_EVENT_IDX the two sides tell each other the index at
 * which they want the next notification (avail_event in the used ring,
 * used_event in the available ring), which is how a busy queue goes
 * without a notification per request.
 *
 * The free list and the chains are kept in `next`, the driver's own
 * memory: the device may write only the used ring and the buffers it was
 * given for writing, and what it writes in the used ring is checked
 * (the id must be an outstanding head, the length within what it was
 * offered) before anything is trusted.
 *
 * Ordering: the ring entry is written before the release fence and the
 * index after it, so the device never sees an index naming an unwritten
 * entry; reading the used index is an acquire, so the entries behind it
 * are read after it.  Deciding whether to notify reads avail_event (or
 * the NO_NOTIFY flag) after a full fence that orders it after the index
 * write, as the spec's "driver notification suppression" requires.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/virtio_config.h>
#include <linux/virtio_pci.h>
#include <linux/virtio_ring.h>
#include <platform/dma.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/mmio.h>
#include <virtio/virtio.h>
#include "internal.h"

#define COMMON(f)    offsetof(struct virtio_pci_common_cfg, f)
#define INDIRECT_MAX 16 /* descriptors in each indirect table, unless the driver asks more */

/* The rings are little-endian; on the CPUs Kevlar runs on that is the
 * CPU's own order, so the conversions are plain casts (sparse keeps them
 * honest).  The accesses are not inlined: each is one load or store the
 * compiler cannot merge with another across the fences below. */
static __attribute__((noinline)) uint16_t get16(const __virtio16 *p)
{
	return (__force uint16_t)*p;
}
static __attribute__((noinline)) uint32_t get32(const __virtio32 *p)
{
	return (__force uint32_t)*p;
}
static __attribute__((noinline)) void put16(__virtio16 *p, uint16_t v)
{
	*p = (__force __virtio16)v;
}
static inline void put_desc(struct vring_desc *d, uint64_t addr, uint32_t len, uint16_t flags,
			    uint16_t next)
{
	d->addr = (__force __virtio64)addr;
	d->len = (__force __virtio32)len;
	d->flags = (__force __virtio16)flags;
	d->next = (__force __virtio16)next;
}

/* The u16 after the available ring (used_event), and the one after the
 * used ring (avail_event), read as the low half of the 32 bits there (the
 * ring is little-endian; two bytes of padding follow it, vq_alloc). */
static __virtio16 *used_event(struct virtqueue *vq)
{
	return &vq->avail->ring[vq->size];
}
static uint16_t avail_event(struct virtqueue *vq)
{
	return (uint16_t)get32(&vq->used->ring[vq->size].id);
}

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static void vq_free(struct virtqueue *vq)
{
	dma_free(vq->ring_mem, vq->ring_bytes);
	if (vq->ind)
		dma_free(vq->ind[0], (size_t)vq->size * vq->ind_max * sizeof(struct vring_desc));
	kfree(vq->next);
	kfree(vq->cookie);
	kfree(vq->chain_len);
	kfree(vq->in_bytes);
	kfree(vq->ind);
	kfree(vq->ind_dma);
	kfree(vq);
}

static int vq_alloc(struct virtqueue *vq, uint16_t size)
{
	size_t desc = (size_t)size * sizeof(struct vring_desc);
	size_t avail = offsetof(struct vring_avail, ring) + (size_t)(size + 1) * 2;
	size_t used_off = align_up(desc + avail, 4);
	size_t used = offsetof(struct vring_used, ring) + (size_t)size * 8 +
		      4; /* + avail_event, padding */
	dma_addr_t base;

	vq->ring_bytes = used_off + used;
	vq->ring_mem = dma_alloc(vq->ring_bytes, &base);
	vq->next = kzalloc(size * sizeof(*vq->next));
	vq->cookie = kzalloc(size * sizeof(*vq->cookie));
	vq->chain_len = kzalloc(size * sizeof(*vq->chain_len));
	vq->in_bytes = kzalloc(size * sizeof(*vq->in_bytes));
	if (!vq->ring_mem || !vq->next || !vq->cookie || !vq->chain_len || !vq->in_bytes)
		return -ENOMEM;
	vq->desc = vq->ring_mem;
	vq->avail = (struct vring_avail *)((char *)vq->ring_mem + desc);
	vq->used = (struct vring_used *)((char *)vq->ring_mem + used_off);
	vq->desc_dma = base;
	vq->avail_dma = base + desc;
	vq->used_dma = base + used_off;
	if (vq->indirect) {
		unsigned max = vq->vdev->ind_max ? vq->vdev->ind_max : INDIRECT_MAX;
		size_t one = max * sizeof(struct vring_desc);
		dma_addr_t ind;
		char *mem;

		vq->ind = kzalloc(size * sizeof(*vq->ind));
		vq->ind_dma = kzalloc(size * sizeof(*vq->ind_dma));
		mem = vq->ind && vq->ind_dma ? dma_alloc(size * one, &ind) : NULL;
		if (!mem)
			return -ENOMEM;
		vq->ind_max = max;
		for (unsigned i = 0; i < size; i++) {
			vq->ind[i] = (struct vring_desc *)(mem + i * one);
			vq->ind_dma[i] = ind + i * one;
		}
	}
	return 0;
}

int vq_create(struct virtio_dev *vd, unsigned index, unsigned max_size, struct virtqueue **out)
{
	struct virtqueue *vq;
	uint16_t dev_max, size = 1;
	uint32_t noff;
	int r;

	writew((uint16_t)index, vc_reg(vd, COMMON(queue_select)));
	dev_max = readw(vc_reg(vd, COMMON(queue_size)));
	if (!dev_max || readw(vc_reg(vd, COMMON(queue_enable))))
		return -ENODEV;
	while ((unsigned)size * 2 <= MIN(dev_max, max_size) && size < 32768)
		size *= 2;
	noff = (uint32_t)readw(vc_reg(vd, COMMON(queue_notify_off))) * vd->notify_mult;
	if (noff > vd->notify_len || vd->notify_len - noff < 2)
		return -ENODEV;
	vq = kzalloc(sizeof(*vq));
	if (!vq)
		return -ENOMEM;
	vq->vdev = vd;
	vq->index = index;
	vq->size = size;
	vq->indirect = virtio_has(vd, VIRTIO_RING_F_INDIRECT_DESC);
	vq->event_idx = virtio_has(vd, VIRTIO_RING_F_EVENT_IDX);
	vq->notify = (void __iomem *)((char __iomem *)vd->notify + noff);
	r = vq_alloc(vq, size);
	if (r) {
		vq_free(vq);
		return r;
	}
	for (unsigned i = 0; i < size; i++)
		vq->next[i] = (uint16_t)(i + 1);
	vq->num_free = size;
	writew(size, vc_reg(vd, COMMON(queue_size)));
	writel((uint32_t)vq->desc_dma, vc_reg(vd, COMMON(queue_desc_lo)));
	writel((uint32_t)(vq->desc_dma >> 32), vc_reg(vd, COMMON(queue_desc_hi)));
	writel((uint32_t)vq->avail_dma, vc_reg(vd, COMMON(queue_avail_lo)));
	writel((uint32_t)(vq->avail_dma >> 32), vc_reg(vd, COMMON(queue_avail_hi)));
	writel((uint32_t)vq->used_dma, vc_reg(vd, COMMON(queue_used_lo)));
	writel((uint32_t)(vq->used_dma >> 32), vc_reg(vd, COMMON(queue_used_hi)));
	*out = vq;
	return 0;
}

int vq_add(struct virtqueue *vq, const struct vq_seg *segs, unsigned n, void *cookie)
{
	bool ind = vq->indirect && n > 1 && n <= vq->ind_max;
	unsigned need = ind ? 1 : n;
	uint16_t head = vq->free_head, d = head;
	uint32_t in = 0;

	if (vq->vdev->broken)
		return -EIO;
	if (!n || need > vq->size || !cookie)
		return -EINVAL;
	if (vq->num_free < need)
		return -ENOSPC;
	for (unsigned i = 0; i < n; i++)
		in += segs[i].in ? segs[i].len : 0;
	if (ind) {
		struct vring_desc *t = vq->ind[head];

		for (unsigned i = 0; i < n; i++)
			put_desc(&t[i], segs[i].addr, segs[i].len,
				 (uint16_t)((i + 1 < n ? VRING_DESC_F_NEXT : 0) |
					    (segs[i].in ? VRING_DESC_F_WRITE : 0)),
				 (uint16_t)(i + 1 < n ? i + 1 : 0));
		put_desc(&vq->desc[head], vq->ind_dma[head], n * (uint32_t)sizeof(*t),
			 VRING_DESC_F_INDIRECT, 0);
		vq->free_head = vq->next[head];
	} else {
		for (unsigned i = 0; i < n; i++) {
			put_desc(&vq->desc[d], segs[i].addr, segs[i].len,
				 (uint16_t)((i + 1 < n ? VRING_DESC_F_NEXT : 0) |
					    (segs[i].in ? VRING_DESC_F_WRITE : 0)),
				 vq->next[d]);
			if (i + 1 < n)
				d = vq->next[d];
		}
		vq->free_head = vq->next[d];
	}
	vq->num_free = (uint16_t)(vq->num_free - need);
	vq->cookie[head] = cookie;
	vq->chain_len[head] = (uint16_t)need;
	vq->in_bytes[head] = in;
	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = (__force __virtio16)head;
	vq->avail_idx++;
	/* the entry (and the descriptors) before the index that publishes it */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	put16(&vq->avail->idx, vq->avail_idx);
	return 0;
}

void vq_kick(struct virtqueue *vq)
{
	uint16_t old = vq->kicked_idx, now = vq->avail_idx;
	bool notify;

	/* our index write before the device's suppression state is read */
	dma_mb();
	if (vq->event_idx)
		notify = vring_need_event(avail_event(vq), now, old);
	else
		notify = !(get16(&vq->used->flags) & VRING_USED_F_NO_NOTIFY);
	vq->kicked_idx = now;
	if (notify && !vq->vdev->broken)
		writew((uint16_t)vq->index, vq->notify);
}

static void broken(struct virtqueue *vq, const char *why, unsigned a, unsigned b)
{
	if (!vq->vdev->broken)
		pr_err("virtio %02x:%02x.%x: queue %u: %s (%u, %u): device marked broken\n",
		       vq->vdev->pci->bus, vq->vdev->pci->slot, vq->vdev->pci->func, vq->index, why,
		       a, b);
	vq->vdev->broken = true;
}

void *vq_get_used(struct virtqueue *vq, uint32_t *len)
{
	uint16_t idx = get16(&vq->used->idx);
	struct vring_used_elem *e;
	uint32_t id, n;
	void *cookie;

	/* the entries behind the index are read after it */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (vq->vdev->broken || idx == vq->last_used)
		return NULL;
	if ((uint16_t)(idx - vq->last_used) > vq->size - vq->num_free) {
		broken(vq, "used index runs past the requests outstanding", idx, vq->last_used);
		return NULL;
	}
	e = &vq->used->ring[vq->last_used & (vq->size - 1)];
	id = get32(&e->id);
	n = get32(&e->len);
	if (id >= vq->size || !vq->cookie[id]) {
		broken(vq, "used entry names no outstanding request", id, vq->size);
		return NULL;
	}
	if (n > vq->in_bytes[id]) {
		broken(vq, "used length past the bytes offered", n, vq->in_bytes[id]);
		return NULL;
	}
	cookie = vq->cookie[id];
	vq->cookie[id] = NULL;
	/* the chain back on the free list, in the order it was taken */
	{
		uint16_t last = (uint16_t)id;

		for (unsigned i = 1; i < vq->chain_len[id]; i++)
			last = vq->next[last];
		vq->next[last] = vq->free_head;
		vq->free_head = (uint16_t)id;
	}
	vq->num_free = (uint16_t)(vq->num_free + vq->chain_len[id]);
	vq->last_used++;
	if (vq->event_idx && !vq->cb_off)
		put16(used_event(vq), vq->last_used);
	*len = n;
	return cookie;
}

void vq_disable_cb(struct virtqueue *vq)
{
	/* with event index, used_event is left where it is: the device
	 * interrupts only on crossing it, which it already has */
	vq->cb_off = true;
	if (!vq->event_idx)
		put16(&vq->avail->flags, VRING_AVAIL_F_NO_INTERRUPT);
}

bool vq_enable_cb(struct virtqueue *vq)
{
	vq->cb_off = false;
	if (vq->event_idx)
		put16(used_event(vq), vq->last_used);
	else
		put16(&vq->avail->flags, 0);
	/* the request for an interrupt before the check for work that beat it */
	dma_mb();
	return vq->vdev->broken || get16(&vq->used->idx) == vq->last_used;
}

void *vq_detach_next(struct virtqueue *vq)
{
	for (unsigned i = 0; i < vq->size; i++) {
		void *c = vq->cookie[i];

		if (c) {
			vq->cookie[i] = NULL;
			return c;
		}
	}
	return NULL;
}
