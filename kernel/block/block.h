/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal interfaces of kernel/block: the device record and the cache. */
#pragma once

#include <klib/list.h>
#include <kernel/blkdev.h>
#include <kernel/mutex.h>

#define BCACHE_BUCKETS 512 /* a few thousand cached blocks: short chains */

/* One block device: a whole disk or one of its partitions. */
struct blkdev {
	struct list_head link; /* the registry's list (registry lock) */
	struct blk_disk *disk; /* immutable; its ops are not called once `gone` */
	char name[BLK_NAME + 8];
	uint32_t major, minor;
	uint64_t start, sectors; /* in the disk's sectors (registry lock) */
	int partno;		 /* 0: the whole disk */
	int refs;		 /* atomic: the registry, open files, the cache's users */
	bool gone;		 /* unregistered (registry lock) */
	int opens;		 /* atomic: open files of the node (BLKRRPART: EBUSY) */
	int mounts_rw;		 /* atomic: services holding it writable */
	/* the cache (bcache.c): `lock` guards everything below */
	struct mutex lock;
	unsigned bsize; /* the buffers' size: one at a time */
	struct list_head buckets[BCACHE_BUCKETS];
	struct list_head lru; /* unreferenced buffers, oldest first */
	unsigned nbufs, ndirty;
	/* I/O statistics (stat.c), atomic: `stamp` is when io_ticks last
	 * moved (ns) */
	struct blk_iostat stat;
	uint64_t stamp;
};

/* genhd.c */
struct blkdev *blkdev_get(struct blkdev *bd);
/* The registered device after `prev` (NULL: the first) with a new
 * reference, dropping prev's: the writeback walks the devices this way. */
struct blkdev *blkdev_next(struct blkdev *prev);
/* Read or write `count` sectors at `sector` of the device (not the
 * disk): 0, -EIO (the disk failed, or it is gone), -EROFS. */
int blkdev_rw(struct blkdev *bd, bool write, uint64_t sector, uint32_t count, void *buf);
/* stat.c: the accounting of every request a device sends (blkdev_*):
 * blk_io_start before it is submitted (its start time), blk_io_done once
 * it completed, with its sectors and result.  Neither sleeps; done may
 * run in interrupt context. */
uint64_t blk_io_start(struct blkdev *bd);
void blk_io_done(struct blkdev *bd, enum blk_op op, uint32_t sectors, uint64_t start, int err);
/* A request started and not sent after all: out of flight, not counted. */
void blk_io_cancel(struct blkdev *bd, uint64_t start);
/* A FLUSH of the disk is needed: a write completed since the last one was
 * sent.  Clears the mark; blk_flush_failed sets it again. */
bool blk_flush_needed(struct blk_disk *d);
void blk_flush_failed(struct blk_disk *d);
/* A snapshot of the device's statistics (io_ticks up to now). */
void blk_stat_read(struct blkdev *bd, struct blk_iostat *out);

/* partition.c: the partitions the table on `whole` describes, each
 * passed to `add` (start and length in sectors, its number). */
int blk_scan_partitions(struct blkdev *whole,
			int (*add)(struct blkdev *whole, int partno, uint64_t start, uint64_t len));

/* bcache.c */
void bcache_dev_init(struct blkdev *bd);
/* Write back and drop every buffer not in use (dropping a disk, BLKFLSBUF,
 * a resize): 0 or -EIO (a write-back failed; the buffer stays dirty). */
int bcache_flush_dev(struct blkdev *bd);
/* Read the blocks of `size` bytes from `blk` on that are not cached, up
 * to `n` of them and the first cached one, into new buffers, as one
 * request (or the few the disk's limits cut it into): how many were read
 * (0: blk is cached, or the device caches another size now), -EIO,
 * -ENOMEM.  The read-ahead of the device node. */
int bcache_read_run(struct blkdev *bd, uint64_t blk, unsigned n, unsigned size);
/* What is left of a device's cache once nobody holds it. */
void bcache_dev_free(struct blkdev *bd);
/* The default buffer size of a device: the largest power of two up to
 * 4096 that divides its size, no smaller than its logical block size. */
unsigned bcache_default_bsize(const struct blkdev *bd);
