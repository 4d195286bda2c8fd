/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the block layer and the buffer cache over a RAM disk
 * that counts its requests (and completes them from another thread when
 * asked, as a driver with an interrupt does): one copy of a block shared
 * by its users, dirty write-back by sync, holds, clean buffers freed under
 * pressure, a change of block size, errors, concurrent readers on every
 * CPU, and the partition scan.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include "block.h"

#define RAM_SECTORS 256 /* 128 KiB */

struct ram {
	struct blk_disk d;
	uint8_t *data;
	int reads, writes, flushes; /* atomic */
	bool async, fail;
	int over_limits; /* requests the layer should have cut */
};

/* Does `q` respect the disk's limits (blk_disk.max_*)? */
static bool within_limits(const struct blk_disk *d, const struct blk_req *q)
{
	unsigned pages = 0;

	if (d->max_sectors && q->count > d->max_sectors)
		return false;
	for (unsigned i = 0; i < q->nsegs; i++) {
		uintptr_t a = (uintptr_t)q->segs[i].addr;

		pages += (unsigned)(((a & 4095) + q->segs[i].len + 4095) / 4096);
		if (d->max_seg_bytes && q->segs[i].len > d->max_seg_bytes)
			return false;
	}
	return !d->max_segs || pages <= d->max_segs;
}

static void ram_do(struct ram *r, struct blk_batch *b)
{
	for (unsigned i = 0; i < b->n; i++) {
		struct blk_req *q = &b->reqs[i];
		uint8_t *at = r->data + q->sector * BLK_SECTOR;

		q->status = r->fail ? -EIO : 0;
		if (!within_limits(&r->d, q))
			r->over_limits++;
		if (q->op == BLK_READ) {
			__atomic_add_fetch(&r->reads, 1, __ATOMIC_RELAXED);
			if (!r->fail)
				blk_req_copy(q, at, true);
		} else if (q->op == BLK_WRITE) {
			__atomic_add_fetch(&r->writes, 1, __ATOMIC_RELAXED);
			if (!r->fail)
				blk_req_copy(q, at, false);
		} else if (q->op == BLK_FLUSH) {
			__atomic_add_fetch(&r->flushes, 1, __ATOMIC_RELAXED);
		}
	}
}

struct later {
	struct ram *r;
	struct blk_batch *b;
};

static void complete_later(void *arg)
{
	struct later *l = arg;

	for (int i = 0; i < 5; i++)
		sched_yield_cpu();
	ram_do(l->r, l->b);
	l->b->done(l->b);
	kfree(l);
}

static void ram_submit(struct blk_disk *d, struct blk_batch *b)
{
	struct ram *r = d->priv;
	struct later *l;
	struct thread *th;

	if (r->async && (l = kzalloc(sizeof(*l))) != NULL) {
		l->r = r;
		l->b = b;
		th = thread_create("ram-irq", complete_later, l);
		if (th) {
			thread_put(th);
			return;
		}
		kfree(l);
	}
	ram_do(r, b);
	b->done(b);
}

static const struct blk_disk_ops ram_ops = {.submit = ram_submit};

static struct ram *ram_new(struct ktest_ctx *t, const char *name, uint32_t minor)
{
	struct ram *r = kzalloc(sizeof(*r));

	r->data = kzalloc(RAM_SECTORS * BLK_SECTOR);
	strlcpy(r->d.name, name, sizeof(r->d.name));
	r->d.major = 240; /* a local/experimental major */
	r->d.minor = minor;
	r->d.sectors = RAM_SECTORS;
	r->d.lbsize = BLK_SECTOR;
	r->d.ops = &ram_ops;
	r->d.priv = r;
	for (unsigned i = 0; i < RAM_SECTORS * BLK_SECTOR; i++)
		r->data[i] = (uint8_t)(i / 1024);
	KTEST_EXPECT_EQ(t, blk_disk_add(&r->d), 0);
	return r;
}

static void ram_free(struct ram *r)
{
	blk_disk_del(&r->d);
	kfree(r->data);
	kfree(r);
}

KTEST(bcache, shared_buffer_read_once)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct bcache_buf *a, *b;
	uint8_t x = 0;
	int err = 0;

	a = bcache_get(bd, 3, 1024, true, &err);
	b = bcache_get(bd, 3, 1024, true, &err);
	KTEST_EXPECT(t, a && a == b);
	KTEST_EXPECT_EQ(t, r->reads, 1);
	bcache_read(a, 10, &x, 1);
	KTEST_EXPECT_EQ(t, x, 3);
	bcache_write(a, 10, "Z", 1);
	bcache_read(b, 10, &x, 1);
	KTEST_EXPECT_EQ(t, x, 'Z');
	KTEST_EXPECT_EQ(t, r->data[3 * 1024 + 10], 3); /* not written back yet */
	bcache_put(a);
	bcache_put(b);
	a = bcache_get(bd, 3, 1024, true, &err);
	KTEST_EXPECT_EQ(t, r->reads, 1); /* still cached */
	bcache_put(a);
	KTEST_EXPECT(t, bcache_get(bd, 128, 1024, true, &err) == NULL && err == -EINVAL);
	KTEST_EXPECT(t, bcache_get(bd, 0, 1000, true, &err) == NULL && err == -EINVAL);
	KTEST_EXPECT_EQ(t, bcache_sync_dev(bd), 0);
	blkdev_put(bd);
	ram_free(r);
}

KTEST(bcache, dirty_writeback_and_hold)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct bcache_buf *a, *b;
	int err = 0;

	a = bcache_get(bd, 1, 1024, true, &err);
	b = bcache_get(bd, 2, 1024, false, &err); /* bget: not read, zeroed */
	KTEST_EXPECT_EQ(t, r->reads, 1);
	bcache_write(a, 0, "held", 4);
	bcache_write(b, 0, "free", 4);
	bcache_hold(a, true);
	KTEST_EXPECT_EQ(t, bcache_sync_dev(bd), 0);
	KTEST_EXPECT(t, !memcmp(r->data + 2048, "free", 4));
	KTEST_EXPECT(t, r->data[2048 + 4] == 0); /* bget's zeroes went out too */
	KTEST_EXPECT(t, memcmp(r->data + 1024, "held", 4) != 0);
	KTEST_EXPECT(t, bcache_dirty(a) && !bcache_dirty(b));
	KTEST_EXPECT_EQ(t, r->flushes, 1);
	KTEST_EXPECT_EQ(t, bcache_sync(a), 0); /* an explicit sync writes even a held one */
	KTEST_EXPECT(t, !memcmp(r->data + 1024, "held", 4));
	bcache_write(a, 0, "HELD", 4);
	bcache_hold(a, false);
	KTEST_EXPECT_EQ(t, bcache_sync_dev(bd), 0);
	KTEST_EXPECT(t, !memcmp(r->data + 1024, "HELD", 4));
	bcache_put(a);
	bcache_put(b);
	blkdev_put(bd);
	ram_free(r);
}

/* Under pressure, dirty buffers go to the disk and unused ones are freed;
 * a buffer in use stays. */
KTEST(bcache, shrink_frees_clean_buffers)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct bcache_buf *keep, *b;
	int err = 0;

	keep = bcache_get(bd, 0, 1024, true, &err);
	for (int i = 1; i < 8; i++) {
		b = bcache_get(bd, (uint64_t)i, 1024, true, &err);
		if (i == 5)
			bcache_write(b, 0, "dirty", 5);
		bcache_put(b);
	}
	KTEST_EXPECT_EQ(t, bd->nbufs, 8);
	KTEST_EXPECT(t, bcache_shrink());
	KTEST_EXPECT_EQ(t, bd->nbufs, 1);
	KTEST_EXPECT(t, !memcmp(r->data + 5 * 1024, "dirty", 5));
	b = bcache_get(bd, 5, 1024, true, &err);
	KTEST_EXPECT_EQ(t, r->reads, 9); /* read again */
	bcache_put(b);
	bcache_put(keep);
	blkdev_put(bd);
	ram_free(r);
}

/* Another block size writes back and drops the cache first; refused while
 * a buffer is in use. */
KTEST(bcache, block_size_change)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct bcache_buf *a, *b;
	uint8_t x = 0;
	int err = 0;

	KTEST_EXPECT_EQ(t, bcache_dev_bsize(bd), 4096);
	a = bcache_get(bd, 1, 1024, true, &err);
	KTEST_EXPECT(t, a != NULL);
	KTEST_EXPECT(t, bcache_get(bd, 0, 4096, true, &err) == NULL && err == -EINVAL);
	bcache_write(a, 0, "K", 1);
	bcache_put(a);
	b = bcache_get(bd, 0, 4096, true, &err);
	KTEST_EXPECT(t, b != NULL);
	bcache_read(b, 1024, &x, 1);
	KTEST_EXPECT_EQ(t, x, 'K'); /* written back before the switch */
	bcache_put(b);
	blkdev_put(bd);
	ram_free(r);
}

KTEST(bcache, read_errors_and_async_completion)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct bcache_buf *a;
	uint8_t x = 0;
	int err = 0;

	r->fail = true;
	KTEST_EXPECT(t, bcache_get(bd, 1, 1024, true, &err) == NULL && err == -EIO);
	KTEST_EXPECT_EQ(t, bd->nbufs, 0);
	r->fail = false;
	r->async = true;
	a = bcache_get(bd, 2, 1024, true, &err);
	KTEST_EXPECT(t, a != NULL);
	bcache_read(a, 0, &x, 1);
	KTEST_EXPECT_EQ(t, x, 2);
	bcache_write(a, 0, "A", 1);
	KTEST_EXPECT_EQ(t, bcache_sync(a), 0);
	KTEST_EXPECT_EQ(t, r->data[2048], 'A');
	bcache_put(a);
	blkdev_put(bd);
	ram_free(r);
}

struct readers {
	struct blkdev *bd;
	int done, bad; /* atomic */
};

static void reader(void *arg)
{
	struct readers *rs = arg;
	int err;

	for (int round = 0; round < 50; round++) {
		for (uint64_t blk = 0; blk < 16; blk++) {
			struct bcache_buf *b = bcache_get(rs->bd, blk, 4096, true, &err);
			uint8_t x = 0xff;

			if (b) {
				bcache_read(b, 100, &x, 1);
				bcache_put(b);
			}
			if (x != (uint8_t)(blk * 4))
				__atomic_add_fetch(&rs->bad, 1, __ATOMIC_RELAXED);
		}
	}
	__atomic_add_fetch(&rs->done, 1, __ATOMIC_RELEASE);
}

/* Readers on every CPU share the buffers: each block is read from the
 * disk once, and every reader sees its bytes. */
KTEST(bcache, concurrent_readers)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct readers rs = {.bd = blkdev_get(r->d.whole)};
	uint64_t end = time_ns() + 20000000000ull;
	int started = 0;

	r->async = true;
	for (int i = 0; i < 6; i++) {
		struct thread *th = thread_create("bc-reader", reader, &rs);

		if (th) {
			thread_put(th);
			started++;
		}
	}
	while (__atomic_load_n(&rs.done, __ATOMIC_ACQUIRE) < started && time_ns() < end)
		sched_yield_cpu();
	KTEST_EXPECT_EQ(t, rs.done, started);
	KTEST_EXPECT_EQ(t, rs.bad, 0);
	KTEST_EXPECT_EQ(t, r->reads, 16);
	blkdev_put(rs.bd);
	ram_free(r);
}

static int count_named(const struct blk_info *info, void *ctx)
{
	if (!strncmp(info->name, "ktram1", 6))
		(*(int *)ctx)++;
	return 0;
}

/* An MBR with two primaries: "ktram1" (a name ending in a digit) gets
 * ktram1p1 and ktram1p3, inside its own minor range. */
KTEST(bcache, partition_scan)
{
	struct ram *r = kzalloc(sizeof(*r));
	struct blk_info info;
	uint8_t *mbr;
	int n = 0;

	r->data = kzalloc(RAM_SECTORS * BLK_SECTOR);
	mbr = r->data;
	mbr[446 + 4] = 0x83;
	mbr[446 + 8] = 8;   /* start 8 */
	mbr[446 + 12] = 16; /* 16 sectors */
	mbr[446 + 32 + 4] = 0x83;
	mbr[446 + 32 + 8] = 64;
	mbr[446 + 32 + 12] = 0xff; /* runs past the end: cut to the disk */
	mbr[446 + 32 + 13] = 0xff;
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
	strlcpy(r->d.name, "ktram1", sizeof(r->d.name));
	r->d.major = 240;
	r->d.minor = 16;
	r->d.sectors = RAM_SECTORS;
	r->d.partscan = true;
	r->d.ops = &ram_ops;
	r->d.priv = r;
	KTEST_EXPECT_EQ(t, blk_disk_add(&r->d), 0);
	KTEST_EXPECT_EQ(t, blk_disk_add(&r->d), -EEXIST);
	blk_for_each(count_named, &n);
	KTEST_EXPECT_EQ(t, n, 3);
	KTEST_EXPECT_EQ(t, blk_info_by_name("ktram1p1", 8, &info), 0);
	KTEST_EXPECT(t, info.partition && info.start == 8 && info.sectors == 16);
	KTEST_EXPECT(t, info.major == 240 && info.minor == 17);
	KTEST_EXPECT_EQ(t, blk_info_by_name("ktram1p3", 8, &info), 0);
	KTEST_EXPECT(t, info.start == 64 && info.sectors == RAM_SECTORS - 64 && info.minor == 19);
	KTEST_EXPECT_EQ(t, blk_info_by_name("ktram1p2", 8, &info), -ENOENT);
	ram_free(r);
	n = 0;
	blk_for_each(count_named, &n);
	KTEST_EXPECT_EQ(t, n, 0);
}

/* The bdflush thread writes a dirty buffer back within its 5 s period,
 * without anyone syncing. */
KTEST(bcache, periodic_writeback)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct blkdev *bd = blkdev_get(r->d.whole);
	uint64_t end = time_ns() + 12000000000ull;
	struct bcache_buf *b;
	int err = 0;

	b = bcache_get(bd, 9, 1024, false, &err);
	KTEST_EXPECT(t, b != NULL);
	if (b) {
		bcache_write(b, 0, "later", 5);
		bcache_put(b);
	}
	/* on another CPU the data lands before the buffer is marked clean */
	while ((memcmp(r->data + 9 * 1024, "later", 5) || READ_ONCE(bd->ndirty)) && time_ns() < end)
		sched_yield_cpu();
	KTEST_EXPECT(t, !memcmp(r->data + 9 * 1024, "later", 5));
	KTEST_EXPECT_EQ(t, bd->ndirty, 0);
	blkdev_put(bd);
	ram_free(r);
}

/* ---- scatter-gather requests ---- */

static bool same_as_disk(struct ram *r, uint64_t off, const struct blk_seg *segs, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (memcmp(segs[i].addr, r->data + off, segs[i].len))
			return false;
		off += segs[i].len;
	}
	return true;
}

KTEST(bcache, sixty_four_segments_read_what_single_blocks_read)
{
	struct ram *r = ram_new(t, "ktram2", 32);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct blk_seg segs[64];
	char *one = kmalloc(1024);
	int reads;

	for (unsigned i = 0; i < 64; i++) {
		r->data[i * 1024 + 7] = (uint8_t)(i + 100); /* each piece differs */
		segs[i] = (struct blk_seg){kzalloc(1024), 1024};
	}
	reads = r->reads;
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_READ, 0, 0, 128, segs, 64), 0);
	KTEST_EXPECT_EQ(t, r->reads, reads + 1); /* one request */
	for (unsigned i = 0; i < 64; i++) {
		KTEST_EXPECT_EQ(t, blkdev_rw(bd, false, i * 2, 2, one), 0);
		KTEST_EXPECT(t, !memcmp(one, segs[i].addr, 1024));
	}
	KTEST_EXPECT(t, same_as_disk(r, 0, segs, 64));
	/* bad shapes: a length that is no whole sector, a total that is not
	 * the count, a range past the end */
	segs[0].len = 1000;
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_READ, 0, 0, 128, segs, 64), -EINVAL);
	segs[0].len = 1024;
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_READ, 0, 0, 120, segs, 64), -EINVAL);
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_READ, 0, RAM_SECTORS - 64, 128, segs, 64), -EIO);
	for (unsigned i = 0; i < 64; i++)
		kfree(segs[i].addr);
	kfree(one);
	blkdev_put(bd);
	ram_free(r);
}

KTEST(bcache, segments_are_cut_to_the_disk_limits)
{
	struct ram *r = ram_new(t, "ktram3", 48);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct blk_seg segs[10];
	char *straddle = kmalloc(8192);
	int reads, writes;

	/* 3 pages of memory, 2 KiB a segment, 6 KiB a request */
	r->d.max_segs = 3;
	r->d.max_seg_bytes = 2048;
	r->d.max_sectors = 12;
	for (unsigned i = 0; i < 9; i++)
		segs[i] = (struct blk_seg){kmalloc(4096), 4096};
	/* and one 1 KiB segment across a page boundary: it counts two */
	segs[9] = (struct blk_seg){straddle + 4096 - 512, 1024};
	for (unsigned i = 0; i < RAM_SECTORS * BLK_SECTOR; i++)
		r->data[i] = (uint8_t)(i * 7 + i / 512);
	reads = r->reads;
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_READ, 0, 8, 9 * 8 + 2, segs, 10), 0);
	KTEST_EXPECT(t, same_as_disk(r, 8 * BLK_SECTOR, segs, 10));
	KTEST_EXPECT(t, r->reads - reads >= (9 * 4096 + 1024) / 6144);
	KTEST_EXPECT_EQ(t, r->over_limits, 0);
	for (unsigned i = 0; i < 10; i++)
		memset(segs[i].addr, 'a' + (int)i, segs[i].len);
	writes = r->writes;
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_WRITE, 0, 100, 9 * 8 + 2, segs, 10), 0);
	KTEST_EXPECT(t, same_as_disk(r, 100 * BLK_SECTOR, segs, 10));
	KTEST_EXPECT(t, r->writes - writes > 1);
	KTEST_EXPECT_EQ(t, r->over_limits, 0);
	/* a failed piece fails the whole request */
	r->fail = true;
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_READ, 0, 8, 9 * 8 + 2, segs, 10), -EIO);
	r->fail = false;
	for (unsigned i = 0; i < 9; i++)
		kfree(segs[i].addr);
	kfree(straddle);
	blkdev_put(bd);
	ram_free(r);
}

KTEST(bcache, read_run_is_one_request_and_fills_the_cache)
{
	struct ram *r = ram_new(t, "ktram4", 64);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct bcache_buf *b;
	uint8_t x = 0;
	int reads = r->reads, err = 0;

	KTEST_EXPECT_EQ(t, bcache_dev_bsize(bd), 4096);
	KTEST_EXPECT_EQ(t, bcache_read_run(bd, 2, 10, 4096), 10);
	KTEST_EXPECT_EQ(t, r->reads, reads + 1);
	for (uint64_t blk = 2; blk < 12; blk++) {
		b = bcache_get(bd, blk, 4096, true, &err);
		KTEST_EXPECT(t, b != NULL);
		if (!b)
			continue;
		bcache_read(b, 0, &x, 1);
		KTEST_EXPECT_EQ(t, x, (uint8_t)(blk * 4));
		bcache_put(b);
	}
	KTEST_EXPECT_EQ(t, r->reads, reads + 1);		    /* every block was cached */
	KTEST_EXPECT_EQ(t, bcache_read_run(bd, 5, 10, 4096), 0);    /* cached: nothing */
	KTEST_EXPECT_EQ(t, bcache_read_run(bd, 12, 100, 4096), 20); /* up to the end */
	KTEST_EXPECT_EQ(t, r->reads, reads + 2);
	r->fail = true;
	KTEST_EXPECT_EQ(t, bcache_flush_dev(bd), 0);
	KTEST_EXPECT_EQ(t, bcache_read_run(bd, 0, 8, 4096), -EIO);
	KTEST_EXPECT(t, bcache_get(bd, 0, 4096, true, &err) == NULL && err == -EIO);
	r->fail = false;
	blkdev_put(bd);
	ram_free(r);
}

KTEST(bcache, superseded_dirty_buffer_is_not_written_back)
{
	struct ram *r = ram_new(t, "ktram5", 80);
	struct blkdev *bd = blkdev_get(r->d.whole);
	struct blk_seg seg = {kmalloc(4096), 4096}, half = {kmalloc(2048), 2048};
	struct bcache_buf *b;
	int err = 0, writes;

	/* a metadata block, dirty, then freed and written as data */
	b = bcache_get(bd, 3, 4096, true, &err);
	KTEST_EXPECT(t, b != NULL);
	if (b) {
		bcache_write(b, 0, "meta", 4);
		bcache_put(b);
	}
	memset(seg.addr, 'D', 4096);
	writes = r->writes;
	bcache_supersede(bd, 3 * 4096, 4096, &seg, 1);
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_WRITE, 0, 3 * 8, 8, &seg, 1), 0);
	KTEST_EXPECT_EQ(t, bcache_sync_dev(bd), 0);
	KTEST_EXPECT_EQ(t, r->writes, writes + 1); /* the data only */
	KTEST_EXPECT(t, r->data[3 * 4096] == 'D' && r->data[4 * 4096 - 1] == 'D');
	/* half a buffer overwritten: it takes those bytes and stays dirty */
	b = bcache_get(bd, 5, 4096, true, &err);
	KTEST_EXPECT(t, b != NULL);
	if (b) {
		bcache_write(b, 0, "meta", 4);
		memset(half.addr, 'H', 2048);
		bcache_supersede(bd, 5 * 4096 + 2048, 2048, &half, 1);
		KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_WRITE, 0, 5 * 8 + 4, 4, &half, 1), 0);
		KTEST_EXPECT(t, bcache_dirty(b));
		bcache_put(b);
	}
	KTEST_EXPECT_EQ(t, bcache_sync_dev(bd), 0);
	KTEST_EXPECT(t, !memcmp(r->data + 5 * 4096, "meta", 4) && r->data[5 * 4096 + 2048] == 'H' &&
				r->data[6 * 4096 - 1] == 'H');
	/* a read under a dirty buffer sees the buffer's bytes */
	b = bcache_get(bd, 7, 4096, true, &err);
	KTEST_EXPECT(t, b != NULL);
	if (b) {
		bcache_write(b, 100, "newer", 5);
		bcache_put(b);
	}
	KTEST_EXPECT_EQ(t, blkdev_segs_io(bd, BLK_READ, 0, 7 * 8, 8, &seg, 1), 0);
	bcache_overlay(bd, 7 * 4096, 4096, &seg, 1);
	KTEST_EXPECT(t, !memcmp((char *)seg.addr + 100, "newer", 5));
	KTEST_EXPECT(t, memcmp(r->data + 7 * 4096 + 100, "newer", 5));
	kfree(seg.addr);
	kfree(half.addr);
	blkdev_put(bd);
	ram_free(r);
}

KTEST(bcache, contiguous_dirty_buffers_go_back_in_one_request)
{
	struct ram *r = ram_new(t, "ktram6", 96);
	struct blkdev *bd = blkdev_get(r->d.whole);
	int err = 0, writes;

	for (uint64_t blk = 4; blk < 14; blk++) {
		struct bcache_buf *b = bcache_get(bd, blk, 4096, false, &err);

		KTEST_EXPECT(t, b != NULL);
		if (!b)
			continue;
		bcache_write(b, 0, "run", 3);
		bcache_write(b, 4095, "!", 1);
		bcache_put(b);
	}
	writes = r->writes;
	KTEST_EXPECT_EQ(t, bcache_sync_dev(bd), 0);
	KTEST_EXPECT_EQ(t, r->writes, writes + 1);
	for (uint64_t blk = 4; blk < 14; blk++)
		KTEST_EXPECT(t, !memcmp(r->data + blk * 4096, "run", 3) &&
					r->data[blk * 4096 + 4095] == '!');
	KTEST_EXPECT_EQ(t, bd->ndirty, 0);
	blkdev_put(bd);
	ram_free(r);
}

/* A FLUSH goes to the disk only when a write completed since the last
 * one: a second fsync with nothing written sends no request. */
KTEST(bcache, flush_only_after_a_write)
{
	struct ram *r = ram_new(t, "ktram0", 0);
	struct blkdev *bd = blkdev_get(r->d.whole);
	uint8_t buf[BLK_SECTOR] = {0};

	KTEST_EXPECT_EQ(t, blkdev_flush(bd), 0); /* nothing written yet */
	KTEST_EXPECT_EQ(t, r->flushes, 0);
	KTEST_EXPECT_EQ(t, blkdev_rw(bd, false, 0, 1, buf), 0);
	KTEST_EXPECT_EQ(t, blkdev_flush(bd), 0); /* a read needs none */
	KTEST_EXPECT_EQ(t, r->flushes, 0);
	KTEST_EXPECT_EQ(t, blkdev_rw(bd, true, 0, 1, buf), 0);
	KTEST_EXPECT_EQ(t, blkdev_flush(bd), 0);
	KTEST_EXPECT_EQ(t, r->flushes, 1);
	KTEST_EXPECT_EQ(t, blkdev_flush(bd), 0);
	KTEST_EXPECT_EQ(t, r->flushes, 1);
	/* a failed flush is sent again */
	KTEST_EXPECT_EQ(t, blkdev_rw(bd, true, 0, 1, buf), 0);
	r->fail = true;
	KTEST_EXPECT_EQ(t, blkdev_flush(bd), -EIO);
	r->fail = false;
	KTEST_EXPECT_EQ(t, blkdev_flush(bd), 0);
	KTEST_EXPECT_EQ(t, r->flushes, 3);
	blkdev_put(bd);
	ram_free(r);
}

static struct blk_iostat stat_of(struct ktest_ctx *t, const char *name)
{
	struct blk_info info;

	KTEST_EXPECT_EQ(t, blk_info_by_name(name, strlen(name), &info), 0);
	return info.stat;
}

/* Each request is counted once, in its group, with its sectors, for its
 * partition and its disk; none stays in flight. */
KTEST(bcache, statistics_count_each_request)
{
	struct ram *r = kzalloc(sizeof(*r));
	struct blk_iostat d0, d1, p0, p1;
	struct blkdev *part = NULL, *it = NULL;
	uint8_t *buf = kzalloc(8 * BLK_SECTOR);
	struct blk_seg seg = {buf, 8 * BLK_SECTOR};

	r->data = kzalloc(RAM_SECTORS * BLK_SECTOR);
	r->data[446 + 4] = 0x83;
	r->data[446 + 8] = 8;
	r->data[446 + 12] = 64;
	r->data[510] = 0x55;
	r->data[511] = 0xaa;
	strlcpy(r->d.name, "ktram2", sizeof(r->d.name));
	r->d.major = 240;
	r->d.minor = 32;
	r->d.sectors = RAM_SECTORS;
	r->d.partscan = true;
	r->d.ops = &ram_ops;
	r->d.priv = r;
	KTEST_EXPECT_EQ(t, blk_disk_add(&r->d), 0);
	while ((it = blkdev_next(it)) != NULL) {
		if (!strcmp(it->name, "ktram2p1"))
			part = blkdev_get(it);
	}
	KTEST_EXPECT(t, part != NULL);
	if (!part)
		goto out;
	d0 = stat_of(t, "ktram2");
	p0 = stat_of(t, "ktram2p1");
	KTEST_EXPECT(t, d0.ios[BLK_STAT_READ] >= 1); /* the partition table's */
	KTEST_EXPECT_EQ(t, p0.ios[BLK_STAT_READ], 0);
	KTEST_EXPECT_EQ(t, blkdev_rw(part, false, 0, 4, buf), 0);
	KTEST_EXPECT_EQ(t, blkdev_segs_io(part, BLK_READ, 0, 8, 8, &seg, 1), 0);
	KTEST_EXPECT_EQ(t, blkdev_rw(part, true, 2, 2, buf), 0);
	KTEST_EXPECT_EQ(t, blkdev_flush(part), 0);
	KTEST_EXPECT_EQ(t, blkdev_rw(r->d.whole, true, 100, 3, buf), 0);
	KTEST_EXPECT_EQ(t, blkdev_rw(part, false, 64, 1, buf), -EIO); /* outside: not sent */
	d1 = stat_of(t, "ktram2");
	p1 = stat_of(t, "ktram2p1");
	KTEST_EXPECT_EQ(t, p1.ios[BLK_STAT_READ], 2);
	KTEST_EXPECT_EQ(t, p1.sectors[BLK_STAT_READ], 12);
	KTEST_EXPECT_EQ(t, p1.ios[BLK_STAT_WRITE], 2); /* the flush is an empty write too */
	KTEST_EXPECT_EQ(t, p1.sectors[BLK_STAT_WRITE], 2);
	KTEST_EXPECT_EQ(t, p1.ios[BLK_STAT_FLUSH], 1);
	KTEST_EXPECT_EQ(t, d1.ios[BLK_STAT_READ] - d0.ios[BLK_STAT_READ], 2);
	KTEST_EXPECT_EQ(t, d1.sectors[BLK_STAT_READ] - d0.sectors[BLK_STAT_READ], 12);
	KTEST_EXPECT_EQ(t, d1.ios[BLK_STAT_WRITE] - d0.ios[BLK_STAT_WRITE], 3);
	KTEST_EXPECT_EQ(t, d1.sectors[BLK_STAT_WRITE] - d0.sectors[BLK_STAT_WRITE], 5);
	KTEST_EXPECT_EQ(t, d1.ios[BLK_STAT_FLUSH] - d0.ios[BLK_STAT_FLUSH], 1);
	KTEST_EXPECT_EQ(t, d1.inflight, 0);
	KTEST_EXPECT_EQ(t, p1.inflight, 0);
	KTEST_EXPECT_EQ(t, d1.merges[BLK_STAT_READ], 0);
	blkdev_put(part);
out:
	kfree(buf);
	ram_free(r);
}

/* The write-back meets buffers in hash order: block 64 (bucket 1) before
 * block 63 (bucket 63).  A run reaches back as well as forward, so the
 * three contiguous dirty blocks still go as one request. */
KTEST(bcache, dirty_run_found_from_its_middle_is_one_request)
{
	struct ram *r = ram_new(t, "ktram7", 112);
	struct blkdev *bd = blkdev_get(r->d.whole);
	int err = 0, writes;

	for (uint64_t blk = 62; blk < 65; blk++) {
		struct bcache_buf *b = bcache_get(bd, blk, 1024, false, &err);

		KTEST_EXPECT(t, b != NULL);
		if (!b)
			continue;
		bcache_write(b, 0, "mid", 3);
		bcache_put(b);
	}
	writes = r->writes;
	KTEST_EXPECT_EQ(t, bcache_sync_dev(bd), 0);
	KTEST_EXPECT_EQ(t, r->writes, writes + 1);
	for (uint64_t blk = 62; blk < 65; blk++)
		KTEST_EXPECT(t, !memcmp(r->data + blk * 1024, "mid", 3));
	KTEST_EXPECT_EQ(t, bd->ndirty, 0);
	blkdev_put(bd);
	ram_free(r);
}
