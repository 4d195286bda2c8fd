/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * KTAP suite `virtio`: the virtio transport and virtio-blk against QEMU's
 * device.  `make ktest` attaches two 4 MiB disks whose sectors each hold
 * their own number (mk/test.mk): vda with indirect descriptors and event
 * index, vdb with neither.  Requests go straight to the driver
 * (blk_submit_wait on the disk), so the device's own answers are seen:
 * batches larger than the queue, flush and discard, a request past the
 * end that the device fails (status byte), and, on a queue built by hand
 * with no device behind it, used-ring entries a broken device could
 * write (an id never handed out, a length past the buffer) refused.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/virtio_ring.h>
#include <platform/dma.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/pci.h>
#include "virtio_blk.h"

#define TEST_SECTORS 8192

static struct vblk *disk_or_skip(struct ktest_ctx *t, unsigned i)
{
	struct vblk *vb = vblk_disk(i);

	if (!vb || vb->disk.sectors != TEST_SECTORS)
		ktest_skip(t, "no test disk (make ktest attaches two)");
	return vb && vb->disk.sectors == TEST_SECTORS ? vb : NULL;
}

/* Every 8 bytes of sector buffer `p` hold `s`. */
static bool holds(const void *p, uint64_t s)
{
	for (unsigned i = 0; i < BLK_SECTOR / 8; i++) {
		uint64_t w;

		memcpy(&w, (const char *)p + i * 8, 8);
		if (w != s)
			return false;
	}
	return true;
}

static void fill(void *p, uint64_t s)
{
	for (unsigned i = 0; i < BLK_SECTOR / 8; i++)
		memcpy((char *)p + i * 8, &s, 8);
}

KTEST(virtio, disks_probed_with_features)
{
	struct vblk *a = disk_or_skip(t, 0), *b = vblk_disk(1);

	if (!a || !b)
		return;
	KTEST_EXPECT_EQ(t, a->disk.major, 254);
	KTEST_EXPECT_EQ(t, a->disk.minor, 0);
	KTEST_EXPECT_EQ(t, b->disk.minor, 16);
	KTEST_EXPECT(t, !strcmp(a->disk.name, "vda") && !strcmp(b->disk.name, "vdb"));
	KTEST_EXPECT(t, virtio_has(&a->vd, 32)); /* VIRTIO_F_VERSION_1 */
	KTEST_EXPECT(t, a->vq->indirect && a->vq->event_idx);
	KTEST_EXPECT(t, !b->vq->indirect && !b->vq->event_idx);
	KTEST_EXPECT(t, a->vd.msix && b->vd.msix);
	KTEST_EXPECT(t, !a->disk.read_only);
	KTEST_EXPECT_EQ(t, a->disk.lbsize, 512);
}

/* A batch of `n` one-sector reads from `first` on both disks, in
 * buffers of their own: n beyond the queue's size waits for room. */
static void read_batch(struct ktest_ctx *t, unsigned n, uint64_t first)
{
	for (unsigned d = 0; d < 2; d++) {
		struct vblk *vb = disk_or_skip(t, d);
		struct blk_req *r;
		char *buf;

		if (!vb)
			return;
		r = kzalloc(n * sizeof(*r));
		buf = kzalloc((size_t)n * BLK_SECTOR);
		KTEST_EXPECT(t, r && buf);
		if (!r || !buf)
			goto out;
		for (unsigned i = 0; i < n; i++)
			r[i] = (struct blk_req){.op = BLK_READ,
						.sector = first + i,
						.count = 1,
						.buf = buf + (size_t)i * BLK_SECTOR};
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, r, n), 0);
		for (unsigned i = 0; i < n; i++) {
			if (r[i].status || !holds(buf + (size_t)i * BLK_SECTOR, first + i)) {
				KTEST_EXPECT_EQ(t, r[i].status, 0);
				KTEST_EXPECT(t, holds(buf + (size_t)i * BLK_SECTOR, first + i));
				break;
			}
		}
		KTEST_EXPECT_EQ(t, vq_outstanding(vb->vq), 0);
		KTEST_EXPECT_EQ(t, vb->nfree, vb->vq->size);
	out:
		kfree(r);
		kfree(buf);
	}
}

KTEST(virtio, batch_reads_exact_sectors)
{
	read_batch(t, 16, 100);
}

KTEST(virtio, batch_larger_than_the_queue_waits_for_room)
{
	read_batch(t, 3 * QUEUE_SIZE + 5, 1000);
}

/* A 16 KiB read into a buffer on this thread's stack: the stack window
 * is translated page by page (dma_map), and each page is a segment. */
KTEST(virtio, multi_page_read_into_a_stack_buffer)
{
	for (unsigned d = 0; d < 2; d++) {
		struct vblk *vb = disk_or_skip(t, d);
		uint8_t buf[8 * BLK_SECTOR];
		struct blk_req r = {.op = BLK_READ, .sector = 4000, .count = 8, .buf = buf};
		bool ok = true;

		if (!vb)
			return;
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &r, 1), 0);
		for (unsigned i = 0; i < 8; i++)
			ok = ok && holds(buf + i * BLK_SECTOR, 4000 + i);
		KTEST_EXPECT(t, ok);
	}
}

/* `n` page frames of the heap as the segments of one request of n * 8
 * sectors from `first` (the layer cuts it where it passes SEG_MAX), on
 * both disks: every sector as n one-page requests read it.  */
static void read_pages(struct ktest_ctx *t, unsigned n, uint64_t first)
{
	for (unsigned d = 0; d < 2; d++) {
		struct vblk *vb = disk_or_skip(t, d);
		struct blk_seg *segs = kzalloc(n * sizeof(*segs));
		struct blk_req *one = kzalloc(n * sizeof(*one));
		struct blk_req r = {.op = BLK_READ, .sector = first, .count = n * 8, .nsegs = n};
		char *flat = kzalloc((size_t)n * 4096);
		bool ok = true;

		if (!vb || !segs || !one || !flat)
			goto out;
		for (unsigned i = 0; i < n; i++)
			segs[i] = (struct blk_seg){kzalloc(4096), 4096};
		r.segs = segs;
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &r, 1), 0);
		for (unsigned i = 0; i < n; i++)
			one[i] = (struct blk_req){.op = BLK_READ,
						  .sector = first + i * 8,
						  .count = 8,
						  .buf = flat + (size_t)i * 4096};
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, one, n), 0);
		for (unsigned i = 0; i < n && ok; i++) {
			ok = segs[i].addr && !memcmp(segs[i].addr, flat + (size_t)i * 4096, 4096);
			for (unsigned k = 0; k < 8 && ok; k++)
				ok = holds((char *)segs[i].addr + k * BLK_SECTOR,
					   first + i * 8 + k);
		}
		KTEST_EXPECT(t, ok);
		KTEST_EXPECT_EQ(t, vq_outstanding(vb->vq), 0);
		for (unsigned i = 0; i < n; i++)
			kfree(segs[i].addr);
	out:
		kfree(segs);
		kfree(one);
		kfree(flat);
		if (!vb)
			return;
	}
}

KTEST(virtio, sixty_four_segments_read_what_single_pages_read)
{
	struct vblk *vb = disk_or_skip(t, 0);

	if (!vb)
		return;
	KTEST_EXPECT(t, vb->disk.max_segs >= 64); /* one device request */
	read_pages(t, 64, 2000);
}

KTEST(virtio, segments_beyond_seg_max_are_cut)
{
	read_pages(t, 200, 3000);
}

KTEST(virtio, segment_write_then_read_back)
{
	for (unsigned d = 0; d < 2; d++) {
		struct vblk *vb = disk_or_skip(t, d);
		struct blk_seg segs[16];
		char *back = kzalloc(16 * 4096);
		struct blk_req w = {
			.op = BLK_WRITE, .sector = 7000, .count = 128, .segs = segs, .nsegs = 16};
		struct blk_req r = {.op = BLK_READ, .sector = 7000, .count = 128, .buf = back};
		bool ok = true;

		if (!vb || !back) {
			kfree(back);
			return;
		}
		for (unsigned i = 0; i < 16; i++) {
			segs[i] = (struct blk_seg){kmalloc(4096), 4096};
			for (unsigned k = 0; segs[i].addr && k < 8; k++)
				fill((char *)segs[i].addr + k * BLK_SECTOR,
				     900000 + d * 1000 + i * 8 + k);
		}
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &w, 1), 0);
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &r, 1), 0);
		for (unsigned s = 0; s < 128 && ok; s++)
			ok = holds(back + s * BLK_SECTOR, 900000 + d * 1000 + s);
		KTEST_EXPECT(t, ok);
		for (unsigned i = 0; i < 16; i++)
			kfree(segs[i].addr);
		kfree(back);
	}
}

KTEST(virtio, write_flush_read_back)
{
	for (unsigned d = 0; d < 2; d++) {
		struct vblk *vb = disk_or_skip(t, d);
		char *w = kzalloc(4 * BLK_SECTOR), *rd = kzalloc(4 * BLK_SECTOR);
		struct blk_req reqs[2] = {
			{.op = BLK_WRITE, .sector = 6000, .count = 4, .buf = w},
			{.op = BLK_FLUSH},
		};
		struct blk_req r = {.op = BLK_READ, .sector = 6000, .count = 4, .buf = rd};

		if (!vb || !w || !rd) {
			kfree(w);
			kfree(rd);
			return;
		}
		for (unsigned i = 0; i < 4; i++)
			fill(w + i * BLK_SECTOR, 0xabcd0000u + i + d);
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, reqs, 2), 0);
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &r, 1), 0);
		KTEST_EXPECT(t, !memcmp(w, rd, 4 * BLK_SECTOR));
		/* put the pattern back for the next run's reads */
		for (unsigned i = 0; i < 4; i++)
			fill(w + i * BLK_SECTOR, 6000 + i);
		KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, reqs, 1), 0);
		kfree(w);
		kfree(rd);
	}
}

KTEST(virtio, discard_is_accepted)
{
	struct vblk *vb = disk_or_skip(t, 0);
	struct blk_req r = {.op = BLK_DISCARD, .sector = 8000, .count = 64};

	if (!vb)
		return;
	if (!virtio_has(&vb->vd, VIRTIO_BLK_F_DISCARD)) {
		ktest_skip(t, "the device offers no discard");
		return;
	}
	KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &r, 1), 0);
}

/* The layer never sends it, but the device answers a read past the end
 * with an error status: the request fails with EIO, the next one works. */
KTEST(virtio, device_error_status_is_eio)
{
	struct vblk *vb = disk_or_skip(t, 0);
	char buf[BLK_SECTOR];
	struct blk_req bad = {.op = BLK_READ, .sector = TEST_SECTORS + 10, .count = 1, .buf = buf};
	struct blk_req good = {.op = BLK_READ, .sector = 7, .count = 1, .buf = buf};

	if (!vb)
		return;
	KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &bad, 1), -EIO);
	KTEST_EXPECT_EQ(t, blk_submit_wait(&vb->disk, &good, 1), 0);
	KTEST_EXPECT(t, holds(buf, 7));
	KTEST_EXPECT(t, !vb->vd.broken);
}

/* ---- the split ring against a device that lies (no device: the test
 * writes the used ring itself) ---- */

struct fake {
	struct pci_dev pci;
	struct virtio_dev vd;
	struct virtqueue vq;
	struct vring_desc *ind;
	void *mem;
	dma_addr_t dma;
	uint16_t next[4];
	void *cookie[4];
	uint16_t chain[4];
	uint32_t in[4];
};

static bool fake_init(struct fake *f)
{
	dma_addr_t d;

	memset(f, 0, sizeof(*f));
	f->mem = dma_alloc(4096, &d);
	if (!f->mem)
		return false;
	f->vd.pci = &f->pci;
	f->vq.vdev = &f->vd;
	f->vq.size = 4;
	f->vq.desc = f->mem;
	f->vq.avail = (struct vring_avail *)((char *)f->mem + 64);
	f->vq.used = (struct vring_used *)((char *)f->mem + 128);
	f->vq.next = f->next;
	f->vq.cookie = f->cookie;
	f->vq.chain_len = f->chain;
	f->vq.in_bytes = f->in;
	f->vq.num_free = 4;
	for (unsigned i = 0; i < 4; i++)
		f->next[i] = (uint16_t)(i + 1);
	return true;
}

static void fake_used(struct fake *f, unsigned slot, uint32_t id, uint32_t len, uint16_t idx)
{
	f->vq.used->ring[slot].id = (__force __virtio32)id;
	f->vq.used->ring[slot].len = (__force __virtio32)len;
	f->vq.used->idx = (__force __virtio16)idx;
}

KTEST(virtio, used_ring_lies_are_refused)
{
	struct vq_seg segs[3] = {{0x1000, 16, false}, {0x2000, 512, true}, {0x3000, 1, true}};
	struct fake *f = kzalloc(sizeof(*f));
	int cookie_a, cookie_b;
	uint32_t len;

	if (!f || !fake_init(f)) {
		KTEST_EXPECT(t, false);
		kfree(f);
		return;
	}
	/* a chain of three: descriptors 0, 1, 2 */
	KTEST_EXPECT_EQ(t, vq_add(&f->vq, segs, 3, &cookie_a), 0);
	KTEST_EXPECT_EQ(t, f->vq.num_free, 1);
	KTEST_EXPECT_EQ(t, vq_add(&f->vq, segs, 3, &cookie_b), -ENOSPC);
	KTEST_EXPECT_EQ(t, (__force uint16_t)f->vq.avail->idx, 1);
	/* the honest answer: id 0, 513 bytes written */
	fake_used(f, 0, 0, 513, 1);
	KTEST_EXPECT(t, vq_get_used(&f->vq, &len) == &cookie_a);
	KTEST_EXPECT_EQ(t, len, 513);
	KTEST_EXPECT_EQ(t, f->vq.num_free, 4);
	KTEST_EXPECT(t, vq_get_used(&f->vq, &len) == NULL);
	/* a length past the 513 bytes the device may write */
	KTEST_EXPECT_EQ(t, vq_add(&f->vq, segs, 3, &cookie_b), 0);
	fake_used(f, 1, (__force uint16_t)f->vq.avail->ring[1], 514, 2);
	KTEST_EXPECT(t, vq_get_used(&f->vq, &len) == NULL);
	KTEST_EXPECT(t, f->vd.broken);
	KTEST_EXPECT_EQ(t, vq_add(&f->vq, segs, 1, &cookie_a), -EIO);
	/* the outstanding request is handed back once */
	KTEST_EXPECT(t, vq_detach_next(&f->vq) == &cookie_b);
	KTEST_EXPECT(t, vq_detach_next(&f->vq) == NULL);
	dma_free(f->mem, 4096);

	/* an id never handed out, and an index running past what is queued */
	KTEST_EXPECT(t, fake_init(f));
	KTEST_EXPECT_EQ(t, vq_add(&f->vq, segs, 3, &cookie_a), 0);
	fake_used(f, 0, 3, 1, 1); /* descriptor 3 is free: no request has it */
	KTEST_EXPECT(t, vq_get_used(&f->vq, &len) == NULL);
	KTEST_EXPECT(t, f->vd.broken);
	dma_free(f->mem, 4096);
	KTEST_EXPECT(t, fake_init(f));
	KTEST_EXPECT_EQ(t, vq_add(&f->vq, segs, 1, &cookie_a), 0);
	fake_used(f, 0, 0, 0, 2); /* two completions of one request */
	KTEST_EXPECT(t, vq_get_used(&f->vq, &len) == NULL);
	KTEST_EXPECT(t, f->vd.broken);
	dma_free(f->mem, 4096);
	KTEST_EXPECT(t, fake_init(f)); /* an id out of the ring's range */
	KTEST_EXPECT_EQ(t, vq_add(&f->vq, segs, 1, &cookie_a), 0);
	fake_used(f, 0, 60000, 0, 1);
	KTEST_EXPECT(t, vq_get_used(&f->vq, &len) == NULL);
	KTEST_EXPECT(t, f->vd.broken);
	dma_free(f->mem, 4096);
	kfree(f);
}
