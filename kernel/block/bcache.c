/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The buffer cache: one copy of each block of a device in memory, shared
 * by the device node's read and write and by the services on the device,
 * so that `dd` of a mounted disk and the filesystem see the same bytes.
 *
 * Each device keeps its buffers in a hash by block number and its unused
 * ones (no reference) on an LRU list.  A buffer's `io` mutex serialises
 * the bytes: reading it in, copying in and out, writing it back, so a
 * write-back never sends a half-changed block.  Dirty buffers are written
 * back by the `bdflush` thread every 5 seconds (Linux's
 * dirty_writeback_centisecs), at sync(2), when the device's last opener
 * closes it, when the cache of a device is dropped, and under memory
 * pressure (bcache_shrink, before the OOM killer); a held buffer (a
 * journaled block waiting for its commit) is skipped until released.
 * Clean unused buffers are freed under memory pressure and past
 * BCACHE_SOFT_MAX buffers per device, oldest first.
 *
 * Locking: the device's `lock` (a mutex) guards the hash, the LRU, the
 * counters and each buffer's `refs`; a buffer's `io` guards its bytes
 * and its `uptodate`, `dirty` and `held`.  Order: a buffer's io may be
 * taken with the device's lock not held only (never the reverse nesting
 * with the lock held while waiting for io).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/time.h>
#include <kevlar_vfs/service.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>
#include <kernel/vfs.h>
#include "block.h"

#define BCACHE_SOFT_MAX	 4096 /* clean unused buffers beyond this are freed */
#define BCACHE_DIRTY_MAX 2048 /* a writer past this many dirty buffers writes them back */
#define WRITEBACK_NS	 5000000000ull
#define WRITEBACK_BATCH	 32
#define WRITEBACK_RUN	 64 /* contiguous dirty buffers written as one request */
#define BCACHE_SIZE_MIN	 512u
#define BCACHE_SIZE_MAX	 65536u
#define BCACHE_RUN_MAX	 512 /* blocks of one bcache_read_run */

struct bcache_buf {
	struct list_head hash; /* dev->buckets[], dev->lock */
	struct list_head lru;  /* dev->lru while refs == 0, dev->lock */
	struct blkdev *dev;    /* immutable; the buffer holds no reference (the device frees it) */
	uint64_t blk;	       /* immutable */
	unsigned size;	       /* immutable */
	int refs;	       /* dev->lock */
	struct mutex io;
	bool uptodate, dirty; /* io; dirty is read without it to skip clean buffers */
	/* io: `gen` changes with the bytes; `verified`: a user (a service)
	 * checked the bytes of this gen (bcache_set_verified), read without io */
	unsigned gen;
	bool verified;
	int held;      /* io */
	uint8_t *data; /* io */
};

static uint64_t total_bytes, dirty_bytes; /* atomic: /proc/meminfo's Buffers and Dirty */

void bcache_dev_init(struct blkdev *bd)
{
	for (unsigned i = 0; i < BCACHE_BUCKETS; i++)
		list_init(&bd->buckets[i]);
	list_init(&bd->lru);
	bd->bsize = bcache_default_bsize(bd);
}

unsigned bcache_default_bsize(const struct blkdev *bd)
{
	unsigned lb = bd->disk && bd->disk->lbsize ? bd->disk->lbsize : BLK_SECTOR;
	unsigned s = 4096;

	while (s > lb && (bd->sectors * BLK_SECTOR) % s)
		s >>= 1;
	return s;
}

unsigned bcache_dev_bsize(struct blkdev *bd)
{
	return READ_ONCE(bd->bsize);
}

void bcache_counts(uint64_t *bufs, uint64_t *dirty)
{
	*bufs = __atomic_load_n(&total_bytes, __ATOMIC_RELAXED);
	*dirty = __atomic_load_n(&dirty_bytes, __ATOMIC_RELAXED);
}

static struct list_head *bucket(struct blkdev *bd, uint64_t blk)
{
	return &bd->buckets[(blk ^ (blk >> 6)) % BCACHE_BUCKETS];
}

/* dev->lock held */
static void free_buf_locked(struct blkdev *bd, struct bcache_buf *b)
{
	list_del(&b->hash);
	list_del(&b->lru);
	bd->nbufs--;
	__atomic_sub_fetch(&total_bytes, b->size, __ATOMIC_RELAXED);
	kfree(b->data);
	kfree(b);
}

/* dev->lock held: free clean unused buffers, oldest first, until at
 * most `keep` remain; how many went */
static unsigned trim_locked(struct blkdev *bd, unsigned keep)
{
	struct list_head *pos, *tmp;
	unsigned freed = 0;

	list_for_each_safe (pos, tmp, &bd->lru) {
		struct bcache_buf *b = list_entry(pos, struct bcache_buf, lru);

		if (bd->nbufs <= keep)
			break;
		if (READ_ONCE(b->dirty) || !mutex_trylock(&b->io))
			continue;
		if (b->dirty || b->held) {
			mutex_unlock(&b->io);
			continue;
		}
		mutex_unlock(&b->io);
		free_buf_locked(bd, b);
		freed++;
	}
	return freed;
}

static void set_dirty(struct bcache_buf *b, bool dirty)
{
	if (b->dirty == dirty)
		return;
	WRITE_ONCE(b->dirty, dirty);
	if (dirty) {
		__atomic_add_fetch(&b->dev->ndirty, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&dirty_bytes, b->size, __ATOMIC_RELAXED);
	} else {
		__atomic_sub_fetch(&b->dev->ndirty, 1, __ATOMIC_RELAXED);
		__atomic_sub_fetch(&dirty_bytes, b->size, __ATOMIC_RELAXED);
	}
}

/* io held: write the buffer back if it is dirty */
static int write_back_io(struct bcache_buf *b)
{
	int err;

	if (!b->dirty)
		return 0;
	err = blkdev_rw(b->dev, true, b->blk * (b->size / BLK_SECTOR), b->size / BLK_SECTOR,
			b->data);
	if (err) {
		pr_err("bcache: %s: write-back of block %llu failed: %d\n", b->dev->name,
		       (unsigned long long)b->blk, err);
		return -EIO;
	}
	set_dirty(b, false);
	return 0;
}

/* Change the size the device caches: everything is written back and
 * dropped first; -EINVAL while a buffer is in use or will not go. */
static int switch_size(struct blkdev *bd, unsigned size)
{
	int err = bcache_flush_dev(bd);

	mutex_lock(&bd->lock);
	if (bd->bsize != size) {
		if (bd->nbufs)
			err = -EINVAL;
		else
			WRITE_ONCE(bd->bsize, size);
	}
	mutex_unlock(&bd->lock);
	return err ? -EINVAL : 0;
}

struct bcache_buf *bcache_get(struct blkdev *bd, uint64_t blk, unsigned size, bool read, int *err)
{
	struct bcache_buf *b = NULL, *it;
	struct list_head *h = bucket(bd, blk);
	unsigned lb = bd->disk->lbsize ? bd->disk->lbsize : BLK_SECTOR;

	if (size < BCACHE_SIZE_MIN || size > BCACHE_SIZE_MAX || (size & (size - 1)) || size < lb ||
	    blk >= blkdev_bytes(bd) / size) {
		*err = -EINVAL;
		return NULL;
	}
	if (READ_ONCE(bd->bsize) != size && (*err = switch_size(bd, size)) != 0)
		return NULL;
	mutex_lock(&bd->lock);
	list_for_each_entry (it, h, hash) {
		if (it->blk == blk && it->size == size) {
			b = it;
			if (!b->refs++)
				list_del(&b->lru);
			break;
		}
	}
	if (!b) {
		b = kzalloc(sizeof(*b));
		if (b) /* a block read in needs no zeroing first */
			b->data = read ? kmalloc(size) : kzalloc(size);
		if (!b || !b->data) {
			mutex_unlock(&bd->lock);
			if (b)
				kfree(b);
			*err = -ENOMEM;
			return NULL;
		}
		b->dev = bd;
		b->blk = blk;
		b->size = size;
		b->refs = 1;
		mutex_init(&b->io, "bcache-buf");
		list_init(&b->lru);
		list_add(&b->hash, h);
		bd->nbufs++;
		__atomic_add_fetch(&total_bytes, size, __ATOMIC_RELAXED);
	}
	mutex_unlock(&bd->lock);
	mutex_lock(&b->io);
	if (!b->uptodate) {
		if (read &&
		    blkdev_rw(bd, false, blk * (size / BLK_SECTOR), size / BLK_SECTOR, b->data)) {
			memset(b->data, 0, size); /* as a later svc_bget expects it */
			mutex_unlock(&b->io);
			bcache_put(b);
			*err = -EIO;
			return NULL;
		}
		b->uptodate = true;
		b->gen++;
		b->verified = false;
	}
	mutex_unlock(&b->io);
	return b;
}

void bcache_put(struct bcache_buf *b)
{
	struct blkdev *bd;

	if (!b)
		return;
	bd = b->dev;
	mutex_lock(&bd->lock);
	if (!--b->refs) {
		list_add_tail(&b->lru, &bd->lru);
		/* a buffer that never read its block holds nothing worth keeping */
		if (!b->uptodate && !b->dirty)
			free_buf_locked(bd, b);
		else if (bd->nbufs > BCACHE_SOFT_MAX)
			trim_locked(bd, BCACHE_SOFT_MAX);
	}
	mutex_unlock(&bd->lock);
}

unsigned bcache_size(const struct bcache_buf *b)
{
	return b->size;
}

unsigned bcache_read(struct bcache_buf *b, size_t off, void *dst, size_t n)
{
	unsigned gen;

	mutex_lock(&b->io);
	memcpy(dst, b->data + off, n);
	gen = b->gen;
	mutex_unlock(&b->io);
	return gen;
}

/* the bytes change: what was verified no longer holds (io held) */
static void changed(struct bcache_buf *b)
{
	b->gen++;
	WRITE_ONCE(b->verified, false);
}

bool bcache_verified(const struct bcache_buf *b)
{
	return READ_ONCE(b->verified);
}

void bcache_set_verified(struct bcache_buf *b, unsigned gen)
{
	mutex_lock(&b->io);
	if (b->gen == gen && b->uptodate)
		WRITE_ONCE(b->verified, true);
	mutex_unlock(&b->io);
}

static void bdflush_start(void);

unsigned bcache_write(struct bcache_buf *b, size_t off, const void *src, size_t n)
{
	unsigned gen;

	mutex_lock(&b->io);
	memcpy(b->data + off, src, n);
	changed(b);
	gen = b->gen;
	set_dirty(b, true);
	mutex_unlock(&b->io);
	bdflush_start();
	return gen;
}

size_t bcache_to_iobuf(struct bcache_buf *b, size_t off, struct iobuf *io, size_t at, size_t n)
{
	size_t done;

	/* a user buffer may fault in: the bytes stay put meanwhile (io is a
	 * sleeping lock, and the fault never reaches this cache) */
	mutex_lock(&b->io);
	done = vfs_iobuf_put_upto(io, at, b->data + off, n);
	mutex_unlock(&b->io);
	return done;
}

size_t bcache_from_iobuf(struct bcache_buf *b, size_t off, struct iobuf *io, size_t at, size_t n)
{
	size_t done;

	mutex_lock(&b->io);
	done = vfs_iobuf_get_upto(io, at, b->data + off, n);
	if (done) {
		changed(b);
		set_dirty(b, true);
	}
	mutex_unlock(&b->io);
	if (done)
		bdflush_start();
	return done;
}

void bcache_hold(struct bcache_buf *b, bool hold)
{
	mutex_lock(&b->io);
	if (hold)
		b->held++;
	else if (b->held)
		b->held--;
	mutex_unlock(&b->io);
}

bool bcache_dirty(const struct bcache_buf *b)
{
	return READ_ONCE(b->dirty);
}

int bcache_sync(struct bcache_buf *b)
{
	int err;

	mutex_lock(&b->io);
	err = write_back_io(b);
	mutex_unlock(&b->io);
	return err;
}

static struct bcache_buf *lookup(struct blkdev *bd, uint64_t blk, unsigned size);

/* Block `blk` cached, dirty, unheld and uptodate, with a reference and
 * its io taken (by trylock: never a wait holding another io lock), or
 * NULL. */
static struct bcache_buf *take_dirty(struct blkdev *bd, uint64_t blk, unsigned size)
{
	struct bcache_buf *nb = lookup(bd, blk, size);

	if (!nb)
		return NULL;
	if (!READ_ONCE(nb->dirty) || !mutex_trylock(&nb->io)) {
		bcache_put(nb);
		return NULL;
	}
	if (!nb->dirty || nb->held || !nb->uptodate) {
		mutex_unlock(&nb->io);
		bcache_put(nb);
		return NULL;
	}
	return nb;
}

/* io of `b` held, b dirty and not held: write it back with the dirty,
 * unheld buffers next to it on the disk, before and after (the walk meets
 * buffers in hash order, not block order), as one request. */
static int write_run(struct bcache_buf *b)
{
	struct bcache_buf *run[WRITEBACK_RUN], *nb;
	struct blk_seg segs[WRITEBACK_RUN];
	struct blkdev *bd = b->dev;
	unsigned m = 0, back = 0, spb = b->size / BLK_SECTOR;
	int err;

	/* those before it, nearest first, then turned into block order */
	while (back < WRITEBACK_RUN / 2 && b->blk > back &&
	       (nb = take_dirty(bd, b->blk - back - 1, b->size)) != NULL)
		run[back++] = nb;
	for (unsigned i = 0; i < back / 2; i++) {
		nb = run[i];
		run[i] = run[back - 1 - i];
		run[back - 1 - i] = nb;
	}
	m = back;
	run[m++] = b;
	while (m < WRITEBACK_RUN && (nb = take_dirty(bd, b->blk + (m - back), b->size)) != NULL)
		run[m++] = nb;
	if (m == 1)
		return write_back_io(b);
	for (unsigned i = 0; i < m; i++)
		segs[i] = (struct blk_seg){run[i]->data, run[i]->size};
	err = blkdev_segs_io(bd, BLK_WRITE, 0, run[0]->blk * spb, m * spb, segs, m);
	if (err)
		pr_err("bcache: %s: write-back of blocks %llu..%llu failed: %d\n", bd->name,
		       (unsigned long long)run[0]->blk, (unsigned long long)(run[0]->blk + m - 1),
		       err);
	for (unsigned i = 0; i < m; i++) {
		if (!err)
			set_dirty(run[i], false);
		if (run[i] != b) {
			mutex_unlock(&run[i]->io);
			bcache_put(run[i]);
		}
	}
	return err ? -EIO : 0;
}

/* Write back the device's dirty, unheld buffers: 0 or -EIO.  `try`:
 * skip what is locked (memory pressure may come from a fault taken with
 * a buffer's io held, by this very thread). */
static int writeback_dev(struct blkdev *bd, bool try)
{
	struct bcache_buf *batch[WRITEBACK_BATCH];
	int err = 0;
	unsigned n;

	if (!READ_ONCE(bd->ndirty))
		return 0;
	/* in rounds of a batch, each buffer pinned by a reference while the
	 * device's lock is dropped; a round that finds nothing more to write
	 * (everything dirty is held, or failed) ends it */
	for (unsigned round = 0; round < 1u << 20; round++) {
		n = 0;
		if (!try)
			mutex_lock(&bd->lock);
		else if (!mutex_trylock(&bd->lock))
			break;
		for (unsigned i = 0; i < BCACHE_BUCKETS && n < WRITEBACK_BATCH; i++) {
			struct bcache_buf *b;

			list_for_each_entry (b, &bd->buckets[i], hash) {
				if (n == WRITEBACK_BATCH)
					break;
				if (!READ_ONCE(b->dirty) || READ_ONCE(b->held))
					continue;
				if (!b->refs++)
					list_del(&b->lru);
				batch[n++] = b;
			}
		}
		mutex_unlock(&bd->lock);
		if (!n)
			break;
		for (unsigned i = 0; i < n; i++) {
			if (!try)
				mutex_lock(&batch[i]->io);
			else if (!mutex_trylock(&batch[i]->io))
				goto skip;
			if (batch[i]->dirty && !batch[i]->held && write_run(batch[i]))
				err = -EIO;
			mutex_unlock(&batch[i]->io);
		skip:
			bcache_put(batch[i]);
		}
		if (err || try)
			break;
	}
	return err;
}

void bcache_balance_dirty(struct blkdev *bd)
{
	/* Linux's balance_dirty_pages, simply: the writer that makes too
	 * many dirty pays for their write-back, so memory never fills with
	 * them */
	if (READ_ONCE(bd->ndirty) > BCACHE_DIRTY_MAX)
		(void)writeback_dev(bd, false);
}

int bcache_sync_dev(struct blkdev *bd)
{
	int err = writeback_dev(bd, false);

	if (blkdev_flush(bd) && !err)
		err = -EIO;
	return err;
}

int bcache_flush_dev(struct blkdev *bd)
{
	int err;

	if (!bd)
		return 0;
	err = writeback_dev(bd, false);
	mutex_lock(&bd->lock);
	trim_locked(bd, 0);
	if (!bd->nbufs)
		WRITE_ONCE(bd->bsize, bcache_default_bsize(bd));
	mutex_unlock(&bd->lock);
	return err;
}

void bcache_dev_free(struct blkdev *bd)
{
	for (unsigned i = 0; i < BCACHE_BUCKETS; i++) {
		while (!list_empty(&bd->buckets[i])) {
			struct bcache_buf *b =
				list_first_entry(&bd->buckets[i], struct bcache_buf, hash);

			if (b->dirty)
				set_dirty(b, false);
			free_buf_locked(bd, b);
		}
	}
}

/* ---- reading many blocks at once ---- */

int bcache_read_run(struct blkdev *bd, uint64_t blk, unsigned n, unsigned size)
{
	struct bcache_buf **bufs;
	struct blk_seg *segs;
	unsigned got = 0, spb = size / BLK_SECTOR;
	uint64_t end = blkdev_bytes(bd) / size;
	int err = 0;

	if (READ_ONCE(bd->bsize) != size || blk >= end)
		return 0;
	n = (unsigned)MIN((uint64_t)MIN(n, BCACHE_RUN_MAX), end - blk);
	if (n <= 1)
		return 0; /* one block: bcache_get reads it */
	bufs = kmalloc(n * (sizeof(*bufs) + sizeof(*segs)));
	if (!bufs)
		return -ENOMEM;
	segs = (struct blk_seg *)(bufs + n);
	mutex_lock(&bd->lock);
	while (got < n && bd->bsize == size) {
		struct list_head *h = bucket(bd, blk + got);
		struct bcache_buf *b, *it;
		bool cached = false;

		list_for_each_entry (it, h, hash) {
			if (it->blk == blk + got) {
				cached = true;
				break;
			}
		}
		if (cached)
			break;
		b = kzalloc(sizeof(*b));
		if (b)
			b->data = kmalloc(size); /* read into whole, or freed unread */
		if (!b || !b->data) {
			kfree(b);
			break;
		}
		b->dev = bd;
		b->blk = blk + got;
		b->size = size;
		b->refs = 1;
		mutex_init(&b->io, "bcache-buf");
		/* new, so never contended: the lock order holds */
		if (!mutex_trylock(&b->io)) {
			kfree(b->data);
			kfree(b);
			break;
		}
		list_init(&b->lru);
		list_add(&b->hash, h);
		bd->nbufs++;
		__atomic_add_fetch(&total_bytes, size, __ATOMIC_RELAXED);
		bufs[got] = b;
		segs[got] = (struct blk_seg){b->data, size};
		got++;
	}
	mutex_unlock(&bd->lock);
	if (got)
		err = blkdev_segs_io(bd, BLK_READ, 0, blk * spb, got * spb, segs, got);
	for (unsigned i = 0; i < got; i++) {
		/* those that failed stay unread: bcache_get reads (and fails) alone */
		bufs[i]->uptodate = !err;
		if (err) /* zeroed, as a svc_bget waiting for it expects */
			memset(bufs[i]->data, 0, size);
		mutex_unlock(&bufs[i]->io);
		bcache_put(bufs[i]);
	}
	kfree(bufs);
	return err ? err : (int)got;
}

/* ---- coherence with I/O around the buffers ---- */

/* Copy n bytes between `mem` and the segments' bytes from `at` on. */
static void seg_copy(const struct blk_seg *segs, unsigned nsegs, uint64_t at, void *mem, size_t n,
		     bool to_segs)
{
	char *m = mem;

	if (!segs) { /* zeros, into the buffer */
		memset(mem, 0, n);
		return;
	}
	for (unsigned i = 0; i < nsegs && n; i++) {
		size_t k;

		if (at >= segs[i].len) {
			at -= segs[i].len;
			continue;
		}
		k = MIN(n, segs[i].len - (size_t)at);
		if (to_segs)
			memcpy((char *)segs[i].addr + at, m, k);
		else
			memcpy(m, (char *)segs[i].addr + at, k);
		m += k;
		n -= k;
		at = 0;
	}
}

/* The cached buffer of block `blk` with a reference, or NULL. */
static struct bcache_buf *lookup(struct blkdev *bd, uint64_t blk, unsigned size)
{
	struct bcache_buf *b;

	mutex_lock(&bd->lock);
	list_for_each_entry (b, bucket(bd, blk), hash) {
		if (b->blk == blk && b->size == size) {
			if (!b->refs++)
				list_del(&b->lru);
			mutex_unlock(&bd->lock);
			return b;
		}
	}
	mutex_unlock(&bd->lock);
	return NULL;
}

/* Walk the buffers cached in [off, off + len): fn on each, with a
 * reference, io not held; the overlap is [boff, boff + n) of the buffer
 * and starts at byte `at` of the range. */
static void for_each_cached(struct blkdev *bd, uint64_t off, uint64_t len,
			    void (*fn)(struct bcache_buf *b, size_t boff, uint64_t at, size_t n,
				       void *ctx),
			    void *ctx)
{
	unsigned bs = READ_ONCE(bd->bsize);

	if (!READ_ONCE(bd->nbufs) || !len)
		return;
	for (uint64_t blk = off / bs; blk <= (off + len - 1) / bs; blk++) {
		uint64_t start = MAX(blk * bs, off), end = MIN((blk + 1) * bs, off + len);
		struct bcache_buf *b = lookup(bd, blk, bs);

		if (!b)
			continue;
		fn(b, (size_t)(start - blk * bs), start - off, (size_t)(end - start), ctx);
	}
}

struct seg_ctx {
	const struct blk_seg *segs;
	unsigned nsegs;
	bool invalidate; /* drop, do not copy */
};

static void supersede_one(struct bcache_buf *b, size_t boff, uint64_t at, size_t n, void *ctx)
{
	struct seg_ctx *c = ctx;
	struct blkdev *bd = b->dev;
	bool whole = n == b->size;

	mutex_lock(&b->io);
	if (c->invalidate) {
		if (whole) { /* read again from the disk by its next bcache_get */
			b->uptodate = false;
			set_dirty(b, false);
		}
	} else if (whole || b->uptodate) {
		seg_copy(c->segs, c->nsegs, at, b->data + boff, n, false);
		if (whole) {
			b->uptodate = true;
			set_dirty(b, false);
		}
	}
	whole = whole && !b->held;
	mutex_unlock(&b->io);
	mutex_lock(&bd->lock);
	if (!--b->refs) {
		list_add_tail(&b->lru, &bd->lru);
		/* nobody uses it and the disk is about to hold its bytes */
		if (whole && !READ_ONCE(b->dirty) && mutex_trylock(&b->io)) {
			bool keep = b->held || b->dirty;

			mutex_unlock(&b->io);
			if (!keep)
				free_buf_locked(bd, b);
		}
	}
	mutex_unlock(&bd->lock);
}

void bcache_supersede(struct blkdev *bd, uint64_t off, uint64_t len, const struct blk_seg *segs,
		      unsigned nsegs)
{
	struct seg_ctx c = {segs, nsegs, false};

	for_each_cached(bd, off, len, supersede_one, &c);
}

void bcache_invalidate(struct blkdev *bd, uint64_t off, uint64_t len)
{
	struct seg_ctx c = {NULL, 0, true};

	for_each_cached(bd, off, len, supersede_one, &c);
}

static void overlay_one(struct bcache_buf *b, size_t boff, uint64_t at, size_t n, void *ctx)
{
	struct seg_ctx *c = ctx;

	if (READ_ONCE(b->dirty)) {
		mutex_lock(&b->io);
		if (b->dirty && b->uptodate)
			seg_copy(c->segs, c->nsegs, at, b->data + boff, n, true);
		mutex_unlock(&b->io);
	}
	bcache_put(b);
}

void bcache_overlay(struct blkdev *bd, uint64_t off, uint64_t len, const struct blk_seg *segs,
		    unsigned nsegs)
{
	struct seg_ctx c = {segs, nsegs, false};

	if (READ_ONCE(bd->ndirty))
		for_each_cached(bd, off, len, overlay_one, &c);
}

/* ---- writeback ---- */

static struct waitqueue bdflush_wq = WAITQUEUE_INIT(bdflush_wq);

static void writeback_all(void)
{
	for (struct blkdev *bd = blkdev_next(NULL); bd; bd = blkdev_next(bd))
		writeback_dev(bd, false);
}

void bcache_sync_all(void)
{
	for (struct blkdev *bd = blkdev_next(NULL); bd; bd = blkdev_next(bd))
		(void)bcache_sync_dev(bd);
}

static int shrinking; /* atomic: a write-back's own allocation does not shrink again */

bool bcache_shrink(void)
{
	unsigned freed = 0;

	if (__atomic_exchange_n(&shrinking, 1, __ATOMIC_ACQUIRE))
		return false;
	for (struct blkdev *bd = blkdev_next(NULL); bd; bd = blkdev_next(bd)) {
		writeback_dev(bd, true);
		if (mutex_trylock(&bd->lock)) {
			freed += trim_locked(bd, 0);
			mutex_unlock(&bd->lock);
		}
	}
	__atomic_store_n(&shrinking, 0, __ATOMIC_RELEASE);
	return freed != 0;
}

static long never(void *arg)
{
	return 0;
}

static void bdflush(void *arg)
{
	for (;;) {
		wq_sleep_signalable_deadline(&bdflush_wq, never, NULL, time_ns() + WRITEBACK_NS);
		vfs_sync_all_fs(false); /* journal transactions past their interval commit */
		writeback_all();
	}
}

static int bdflush_started; /* atomic */

static void bdflush_start(void)
{
	thread_start_once(&bdflush_started, "bdflush", bdflush, NULL);
}

void blk_init(void)
{
	loop_init();
}
