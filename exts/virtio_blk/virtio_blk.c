/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * virtio-blk (virtio spec 1.2, section 5.2) over the virtio PCI transport:
 * each device is a disk of the block layer, named vda, vdb, ... in probe
 * order (major 254, 16 minors a disk, as Linux's virtblk numbers them),
 * its partitions scanned by the layer.
 *
 * One request queue.  The layer's batches are queued request by request:
 * a request is a header the device reads (type, sector), the data (read
 * into or written from the request's buffer, in as many segments as its
 * memory is contiguous in, split at SIZE_MAX and limited by SEG_MAX), and
 * a status byte the device writes.  Header and status live in a slot of
 * DMA memory per queue entry.  What does not fit waits on `pending` and
 * goes in as completions free room; the queue's interrupt completes
 * requests and finishes a batch when its last request is done.
 *
 * Offered and used: VERSION_1, RING_INDIRECT_DESC, RING_EVENT_IDX,
 * SIZE_MAX, SEG_MAX, BLK_SIZE (the logical block size), RO (a read-only
 * disk: BLKROGET says so, writes fail with EROFS in the layer), FLUSH
 * (else the device has no volatile cache and a flush has nothing to do),
 * DISCARD, WRITE_ZEROES (with the unmap flag where the device allows it),
 * TOPOLOGY (read and logged).  The layer cuts requests to SEG_MAX,
 * SIZE_MAX and the discard and write-zeroes sizes (blk_disk.max_*), so
 * one request of the layer's is one request of the device's.
 *
 * A misbehaving device is never trusted: a status byte it did not write
 * (each is set to 0xff before the request goes out) or wrote as anything
 * but OK fails that request with -EIO, and a used-ring entry that names no
 * outstanding request marks the device broken (the transport's check),
 * which fails every outstanding and later request with -EIO.
 *
 * Locking: `lock` (a drv_lock, interrupts off) guards the queue, the
 * slots and `pending`; batches are completed after it is dropped.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/virtio_blk.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>
#include <platform/dma.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/pci.h>
#include <kernel/blkdev.h>
#include <kernel/driver.h>
#include <virtio/virtio.h>
#include "virtio_blk.h"

static struct vblk *disks[MAX_DISKS]; /* probed, in order (written at probe only) */
static unsigned ndisks;

/* ---- requests ---- */

/* A request of `bt` is finished; the batch is too when it was its last
 * and every request of it was queued (it is off `pending` then). */
static void finish_req(struct vblk_batch *bt, struct list_head *done)
{
	if (!--bt->left && bt->next == bt->b->n)
		list_add_tail(&bt->link, done);
}

/* The data of `r` as segments after segs[at]: how many, or -EIO if its
 * memory cannot be reached or needs more segments than the device takes
 * (the layer cut it to the disk's limits, so only a broken run does). */
static int map_data(struct vblk *vb, struct blk_req *r, struct vq_seg *segs, unsigned at)
{
	struct blk_seg whole = {r->buf, r->count * BLK_SECTOR};
	const struct blk_seg *in = r->nsegs ? r->segs : &whole;
	unsigned nin = r->nsegs ? r->nsegs : 1, n = 0;

	for (unsigned i = 0; i < nin; i++) {
		const char *p = in[i].addr;
		size_t left = in[i].len;

		while (left) {
			dma_addr_t a;
			size_t run = dma_map(p, left, &a);

			if (!run)
				return -EIO;
			if (vb->size_max && run > vb->size_max)
				run = vb->size_max;
			/* a run that follows the last one in memory extends it */
			if (n && segs[at + n - 1].addr + segs[at + n - 1].len == a &&
			    (!vb->size_max || segs[at + n - 1].len + run <= vb->size_max)) {
				segs[at + n - 1].len += (uint32_t)run;
			} else {
				if (n == vb->seg_max)
					return -EIO;
				segs[at + n].addr = a;
				segs[at + n].len = (uint32_t)run;
				segs[at + n].in = r->op == BLK_READ;
				n++;
			}
			p += run;
			left -= run;
		}
	}
	return (int)n;
}

/* Queue request `r` (lock held): 0, -ENOSPC (no room now), or the error
 * the request completes with at once (it was not queued), or 1 when it is
 * complete without the device (a flush the device does not need). */
static int queue_req(struct vblk *vb, struct vblk_batch *bt, struct blk_req *r)
{
	struct vq_seg segs[MAX_SEGS + 2];
	struct vblk_slot *s;
	unsigned n = 1, slot;
	uint32_t type;
	int m, err;

	switch (r->op) {
	case BLK_READ:
		type = VIRTIO_BLK_T_IN;
		break;
	case BLK_WRITE:
		if (vb->disk.read_only)
			return -EROFS;
		type = VIRTIO_BLK_T_OUT;
		break;
	case BLK_FLUSH:
		if (!virtio_has(&vb->vd, VIRTIO_BLK_F_FLUSH))
			return 1;
		type = VIRTIO_BLK_T_FLUSH;
		break;
	case BLK_DISCARD:
		if (!virtio_has(&vb->vd, VIRTIO_BLK_F_DISCARD) || r->count > vb->max_discard)
			return -EOPNOTSUPP;
		type = VIRTIO_BLK_T_DISCARD;
		break;
	case BLK_WRITE_ZEROES:
		if (!virtio_has(&vb->vd, VIRTIO_BLK_F_WRITE_ZEROES) || r->count > vb->max_zeroes)
			return -EOPNOTSUPP;
		type = VIRTIO_BLK_T_WRITE_ZEROES;
		break;
	default:
		return -EIO;
	}
	if (!vb->nfree)
		return -ENOSPC;
	slot = vb->free_slots[vb->nfree - 1];
	s = &vb->slots[slot];
	s->hdr.type = (__force __virtio32)type;
	s->hdr.ioprio = 0;
	s->hdr.sector = (__force __virtio64)(r->op == BLK_FLUSH ? 0 : r->sector);
	s->status = STATUS_UNSET;
	segs[0] = (struct vq_seg){vb->slots_dma + slot * sizeof(*s), sizeof(s->hdr), false};
	if (r->op == BLK_READ || r->op == BLK_WRITE) {
		m = map_data(vb, r, segs, 1);
		if (m < 0)
			return m;
		n += (unsigned)m;
	} else if (r->op == BLK_DISCARD || r->op == BLK_WRITE_ZEROES) {
		s->range.sector = (__force __le64)r->sector;
		s->range.num_sectors = (__force __le32)r->count;
		s->range.flags = 0;
		if (r->op == BLK_WRITE_ZEROES && (r->flags & BLK_REQ_UNMAP) && vb->zeroes_unmap)
			s->range.flags = (__force __le32)VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP;
		segs[n++] = (struct vq_seg){vb->slots_dma + slot * sizeof(*s) +
						    offsetof(struct vblk_slot, range),
					    sizeof(s->range), false};
	}
	segs[n++] = (struct vq_seg){
		vb->slots_dma + slot * sizeof(*s) + offsetof(struct vblk_slot, status), 1, true};
	vb->io[slot] = (struct vblk_io){.vb = bt, .r = r};
	err = vq_add(vb->vq, segs, n, &vb->io[slot]);
	if (err)
		return err == -EINVAL ? -EIO : err;
	vb->nfree--;
	return 0;
}

/* Queue what waits, as far as there is room (lock held); batches whose
 * every request is finished go on `done`. */
static void pump(struct vblk *vb, struct list_head *done)
{
	bool queued = false;

	while (!list_empty(&vb->pending)) {
		struct vblk_batch *bt = list_first_entry(&vb->pending, struct vblk_batch, link);

		while (bt->next < bt->b->n) {
			struct blk_req *r = &bt->b->reqs[bt->next];
			int err = vb->vd.broken ? -EIO : queue_req(vb, bt, r);

			if (err == -ENOSPC)
				goto out;
			bt->next++;
			if (err) {
				r->status = err == 1 ? 0 : err;
				bt->left--;
			} else {
				queued = true;
			}
		}
		list_del(&bt->link);
		if (!bt->left)
			list_add_tail(&bt->link, done);
	}
out:
	if (queued)
		vq_kick(vb->vq);
}

static void complete_all(struct list_head *done)
{
	while (!list_empty(done)) {
		struct vblk_batch *bt = list_first_entry(done, struct vblk_batch, link);
		struct blk_batch *b = bt->b;

		list_del(&bt->link);
		kfree(bt);
		b->done(b);
	}
}

/* The device is broken: every outstanding request fails (lock held). */
static void fail_outstanding(struct vblk *vb, struct list_head *done)
{
	struct vblk_io *io;

	while ((io = vq_detach_next(vb->vq))) {
		io->r->status = -EIO;
		finish_req(io->vb, done);
	}
}

static void vblk_submit(struct blk_disk *d, struct blk_batch *b)
{
	struct vblk *vb = d->priv;
	struct vblk_batch *bt = kzalloc(sizeof(*bt));
	LIST_HEAD(done);
	irqflags_t f;

	if (!bt) {
		for (unsigned i = 0; i < b->n; i++)
			b->reqs[i].status = -EIO;
		b->done(b);
		return;
	}
	bt->b = b;
	bt->left = b->n;
	if (!b->n) {
		kfree(bt);
		b->done(b);
		return;
	}
	f = drv_lock(&vb->lock);
	list_add_tail(&bt->link, &vb->pending);
	pump(vb, &done);
	drv_unlock(&vb->lock, f);
	complete_all(&done);
}

static void vblk_done(struct virtqueue *vq)
{
	struct vblk *vb = vq->priv;
	struct vblk_io *io;
	uint32_t len;
	LIST_HEAD(done);
	irqflags_t f = drv_lock(&vb->lock);

	do {
		while ((io = vq_get_used(vq, &len))) {
			unsigned slot = (unsigned)(io - vb->io);
			uint8_t st = READ_ONCE(vb->slots[slot].status);

			/* the status byte is the last one the device writes */
			io->r->status = len >= 1 && st == VIRTIO_BLK_S_OK ? 0 : -EIO;
			vb->free_slots[vb->nfree++] = (uint16_t)slot;
			finish_req(io->vb, &done);
		}
	} while (!vq_enable_cb(vq));
	if (vb->vd.broken)
		fail_outstanding(vb, &done);
	pump(vb, &done);
	drv_unlock(&vb->lock, f);
	complete_all(&done);
}

static const struct blk_disk_ops vblk_ops = {
	.submit = vblk_submit,
};

/* ---- the device ---- */

#define CFG(f) offsetof(struct virtio_blk_config, f)

static void read_config(struct vblk *vb)
{
	struct virtio_dev *vd = &vb->vd;
	uint32_t bs = 512;

	vb->disk.sectors = virtio_cfg_read64(vd, CFG(capacity));
	vb->seg_max = MAX_SEGS;
	if (virtio_has(vd, VIRTIO_BLK_F_SEG_MAX)) {
		uint32_t m = virtio_cfg_read32(vd, CFG(seg_max));

		vb->seg_max = m ? MIN(m, (uint32_t)MAX_SEGS) : 1;
	}
	if (virtio_has(vd, VIRTIO_BLK_F_SIZE_MAX))
		vb->size_max = virtio_cfg_read32(vd, CFG(size_max));
	if (vb->size_max && vb->size_max < 512)
		vb->size_max = 512; /* a device that cannot take a sector at once: as Linux */
	if (virtio_has(vd, VIRTIO_BLK_F_BLK_SIZE))
		bs = virtio_cfg_read32(vd, CFG(blk_size));
	vb->disk.lbsize = bs == 4096 ? 4096 : 512;
	vb->disk.read_only = virtio_has(vd, VIRTIO_BLK_F_RO);
	if (virtio_has(vd, VIRTIO_BLK_F_DISCARD))
		vb->max_discard = virtio_cfg_read32(vd, CFG(max_discard_sectors));
	if (virtio_has(vd, VIRTIO_BLK_F_WRITE_ZEROES)) {
		vb->max_zeroes = virtio_cfg_read32(vd, CFG(max_write_zeroes_sectors));
		vb->zeroes_unmap = virtio_cfg_read8(vd, CFG(write_zeroes_may_unmap)) != 0;
	}
	if (virtio_has(vd, VIRTIO_BLK_F_TOPOLOGY))
		pr_info("%s: topology: physical block 2^%u, min io %u, opt io %u\n", vb->disk.name,
			virtio_cfg_read8(vd, CFG(physical_block_exp)),
			virtio_cfg_read16(vd, CFG(min_io_size)),
			virtio_cfg_read32(vd, CFG(opt_io_size)));
}

static int setup(struct vblk *vb, struct pci_dev *pci)
{
	static const vq_callback cbs[1] = {vblk_done};
	void *priv[1] = {vb};
	uint64_t want = 1ull << VIRTIO_F_VERSION_1 | 1ull << VIRTIO_RING_F_INDIRECT_DESC |
			1ull << VIRTIO_RING_F_EVENT_IDX | 1ull << VIRTIO_BLK_F_SIZE_MAX |
			1ull << VIRTIO_BLK_F_SEG_MAX | 1ull << VIRTIO_BLK_F_BLK_SIZE |
			1ull << VIRTIO_BLK_F_FLUSH | 1ull << VIRTIO_BLK_F_DISCARD |
			1ull << VIRTIO_BLK_F_WRITE_ZEROES | 1ull << VIRTIO_BLK_F_RO |
			1ull << VIRTIO_BLK_F_TOPOLOGY;
	unsigned size;
	int r;

	r = virtio_pci_init(&vb->vd, pci);
	if (r)
		return r;
	vb->vd.drv = vb->in;
	r = virtio_negotiate(&vb->vd, want);
	if (r)
		return r;
	read_config(vb);
	vb->vd.ind_max = MAX_SEGS + 2; /* header, data, status */
	r = virtio_setup_queues(&vb->vd, 1, QUEUE_SIZE, cbs, priv);
	if (r)
		return r;
	vb->vq = vb->vd.vqs[0];
	size = vb->vq->size;
	if (vb->vq->indirect)
		vb->seg_max = MIN(vb->seg_max, vb->vq->ind_max - 2);
	else
		vb->seg_max = MIN(vb->seg_max, size - 2u);
	vb->slots = dma_alloc(size * sizeof(*vb->slots), &vb->slots_dma);
	vb->io = kzalloc(size * sizeof(*vb->io));
	vb->free_slots = kzalloc(size * sizeof(*vb->free_slots));
	if (!vb->slots || !vb->io || !vb->free_slots)
		return -ENOMEM;
	for (unsigned i = 0; i < size; i++)
		vb->free_slots[i] = (uint16_t)i;
	vb->nfree = size;
	virtio_driver_ok(&vb->vd);
	return 0;
}

static int vblk_probe(struct pci_dev *pci, const struct pci_device_id *id)
{
	struct vblk *vb;
	unsigned n = ndisks;
	int r;

	if (n >= MAX_DISKS)
		return -ENOSPC;
	vb = kzalloc(sizeof(*vb));
	if (!vb)
		return -ENOMEM;
	vb->in = drv_instance_new("virtio_blk", pci);
	if (!vb->in) {
		kfree(vb);
		return -ENOMEM;
	}
	drv_lock_init(&vb->lock, vb->in, "virtio_blk");
	list_init(&vb->pending);
	snprintf(vb->disk.name, sizeof(vb->disk.name), "vd%c", 'a' + n);
	r = setup(vb, pci);
	if (r) {
		pr_err("%s: %02x:%02x.%x: cannot set up the device: error %d\n", vb->disk.name,
		       pci->bus, pci->slot, pci->func, r);
		if (vb->vd.common)
			virtio_reset(&vb->vd);
		return r; /* its memory stays: the device may have seen it */
	}
	vb->disk.major = VIRTBLK_MAJOR;
	vb->disk.minor = n * DISK_MINORS;
	vb->disk.partscan = true;
	/* a segment of the layer's that touches k pages may need k here */
	vb->disk.max_segs = vb->seg_max;
	vb->disk.max_seg_bytes = vb->size_max;
	vb->disk.max_discard_sectors = vb->max_discard;
	vb->disk.max_zero_sectors = vb->max_zeroes;
	vb->disk.ops = &vblk_ops;
	vb->disk.priv = vb;
	vb->disk.drv = vb->in;
	disks[n] = vb;
	ndisks = n + 1;
	pr_info("%s: virtio-blk %02x:%02x.%x, %llu sectors of 512 bytes%s, block %u, %s, "
		"features %#llx\n",
		vb->disk.name, pci->bus, pci->slot, pci->func, (unsigned long long)vb->disk.sectors,
		vb->disk.read_only ? " (read-only)" : "", vb->disk.lbsize,
		vb->vd.msix ? "MSI-X" : "INTx", (unsigned long long)vb->vd.features);
	r = blk_disk_add(&vb->disk);
	if (r)
		pr_err("%s: cannot add the disk: error %d\n", vb->disk.name, r);
	return r;
}

struct vblk *vblk_disk(unsigned i)
{
	return i < ndisks ? disks[i] : NULL;
}

static const struct pci_device_id vblk_ids[] = {
	/* modern (1.x) virtio-blk; the transitional id 0x1001 with a modern
	 * interface as well, which QEMU's virtio-blk-pci offers by default */
	{.vendor = 0x1af4, .device = 0x1040 + VIRTIO_ID_BLOCK, .class_mask = 0},
	{.vendor = 0x1af4, .device = 0x1001, .class_mask = 0},
	{0},
};

static const struct pci_driver vblk_pci = {
	.name = "virtio_blk",
	.ids = vblk_ids,
	.probe = vblk_probe,
};

static int vblk_init(void)
{
	return pci_register_driver(&vblk_pci);
}

static const struct driver virtio_blk_driver = {.name = "virtio_blk", .init = vblk_init};
DRIVER(virtio_blk_driver);
