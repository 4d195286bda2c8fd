/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The block layer (kernel/block/): disks, their partitions, and the
 * device nodes through which userland and the buffer cache reach them.
 *
 * A driver (the loop device today, virtio-blk in exts/ next) fills a
 * struct blk_disk (name, numbers, size in 512-byte sectors, read-only,
 * logical block size, ops) and calls blk_disk_add(): the disk and the
 * partitions its MBR or GPT table describes become block devices, with
 * /dev nodes, /proc/partitions lines and /sys/block entries.  The layer
 * sends I/O as batches of requests to the driver's submit op, which
 * completes each batch once, from any context, through its `done`
 * callback (a driver with a queue completes them from its interrupt; the
 * loop device completes them before submit returns).
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <platform/spinlock.h>

#define BLK_SECTOR 512u
#define BLK_NAME   32

struct blk_disk;
struct blkdev;
struct inode;
struct file;
struct vfs_sb;
struct iobuf;
struct drv_instance;

enum blk_op {
	BLK_READ,
	BLK_WRITE,
	BLK_FLUSH,   /* the disk's volatile cache to stable storage (sector, count unused) */
	BLK_DISCARD, /* the sectors' contents are no longer needed */
	/* the sectors read as zeros from now on (BLK_REQ_UNMAP: the device
	 * may deallocate them); a driver without the command completes it
	 * with -EOPNOTSUPP and the layer writes zeros instead */
	BLK_WRITE_ZEROES,
};

#define BLK_REQ_UNMAP	   0x1u /* WRITE_ZEROES: deallocating is allowed */
#define BLK_REQ_NOFALLBACK 0x2u /* blkdev_segs_io's WRITE_ZEROES: no zeros written instead */

/* One piece of a request's data: kernel memory (a page frame of the page
 * cache, a buffer), `len` a multiple of BLK_SECTOR. */
struct blk_seg {
	void *addr;
	uint32_t len;
};

/*
 * One request.  Its data (READ, WRITE) is `buf` when nsegs is 0, else the
 * segments in order, count * BLK_SECTOR bytes in all.  The layer hands a
 * driver only requests within its limits (blk_disk.max_*), splitting the
 * larger ones; a driver sees either form.
 */
struct blk_req {
	enum blk_op op;
	unsigned flags;	 /* BLK_REQ_* */
	uint64_t sector; /* from the start of the disk */
	uint32_t count;	 /* sectors */
	void *buf;	 /* count * BLK_SECTOR bytes of kernel memory, when nsegs == 0 */
	const struct blk_seg *segs;
	unsigned nsegs;
	int status; /* set by the driver: 0 or -errno (-EIO) */
};

/* Copy the request's data to (`to_req` false) or from (true) `mem`, its
 * count * BLK_SECTOR bytes: for drivers that move bytes by CPU (loop, RAM
 * disks of the self-tests). */
void blk_req_copy(struct blk_req *r, void *mem, bool to_req);

struct blk_batch {
	struct blk_req *reqs;
	unsigned n;
	/* Called once, from any context (it must not sleep), when every
	 * request's status is set. */
	void (*done)(struct blk_batch *b);
	void *priv; /* the submitter's */
	/* the layer's, for a contained driver's disk: the batch in flight */
	struct list_head inflight;
	void (*end)(struct blk_batch *b); /* the submitter's done */
	struct blk_disk *disk;		  /* its disk */
};

struct blk_disk_ops {
	/* Start the batch; every request is in range and the disk writable
	 * for writes (the layer checked).  Completes through b->done. */
	void (*submit)(struct blk_disk *d, struct blk_batch *b);
	/* Driver ioctls on the device node (LOOP_*): -ENOTTY for others.
	 * `writable`: the node was opened for writing. */
	long (*ioctl)(struct blk_disk *d, unsigned cmd, uint64_t arg, bool writable);
	/* The disk's last opener (node or mount, of it or a partition) is
	 * gone (the loop device's autoclear).  May sleep. */
	void (*release)(struct blk_disk *d);
};

struct blk_disk {
	char name[BLK_NAME]; /* "loop0", "vda": partitions add "p1" or "1" */
	uint32_t major, minor;
	uint64_t sectors; /* size, in BLK_SECTOR units (0: no medium) */
	bool read_only;
	unsigned lbsize; /* logical block size: 512 or 4096 */
	bool partscan;	 /* scan the partition table when added or resized */
	/* What one request may carry (0: no limit): data segments, counted as
	 * the pages of memory they touch; bytes of one segment; sectors of
	 * one request. */
	unsigned max_segs;
	uint32_t max_seg_bytes;
	uint32_t max_sectors;
	/* Sectors of one DISCARD (0: the disk has none: BLKDISCARD is
	 * EOPNOTSUPP) and of one WRITE_ZEROES (0: none, zeros are written). */
	uint32_t max_discard_sectors;
	uint32_t max_zero_sectors;
	const struct blk_disk_ops *ops;
	void *priv;		  /* the driver's */
	struct drv_instance *drv; /* the driver's device (containment), NULL: a ring-1 disk */
	struct blkdev *whole;	  /* the layer's: the device of the whole disk */
	uint64_t diskseq;	  /* the layer's */
	int openers; /* the layer's (atomic): open nodes and mounts of it and its partitions */
	/* the layer's, when `drv` is set: batches the driver holds, and
	 * whether its instance failed (they and later ones get -EIO) */
	struct spinlock inflight_lock;
	struct list_head inflight; /* inflight_lock */
	bool failed;		   /* inflight_lock */
	/* the layer's (atomic): a write completed since the last FLUSH was
	 * sent, so the next one is needed (kernel/block/stat.c) */
	int unflushed;
};

/* Register `d` (filled in as above) and scan its partitions: 0, -EEXIST
 * (the name or numbers are taken), -ENOMEM.  May sleep. */
int blk_disk_add(struct blk_disk *d) __must_check;
/* Unregister: its devices disappear from /dev and /proc/partitions;
 * open files and the cache keep the objects until they let go. */
void blk_disk_del(struct blk_disk *d);
/* The disk's size, read-only flag or medium changed (the loop device was
 * bound or unbound): drop its cached blocks, rescan its partitions if
 * d->partscan (0 or -EBUSY: a partition is open). */
int blk_disk_changed(struct blk_disk *d);
/* BLKRRPART: rescan the partition table.  -EBUSY while a partition is open. */
int blk_disk_rescan(struct blk_disk *d);

/* Run a batch and wait for it: 0 or the first request's error.  Sleeps
 * (in the idle loop's hlt, never polling) until the driver completes it. */
int blk_submit_wait(struct blk_disk *d, struct blk_req *reqs, unsigned n);
/* Start a batch: b->done runs once, from any context, when every
 * request's status is set.  Requests beyond the disk's limits are split
 * (into memory the layer allocates; -ENOMEM fails them).  Does not sleep. */
void blk_submit(struct blk_disk *d, struct blk_batch *b);

/* ---- devices (a whole disk or a partition) ---- */

/* I/O on a device (sectors from the device's start), one request of many
 * segments, for the page cache and the device node.  blkdev_segs_io: op is
 * READ or WRITE, or WRITE_ZEROES (segs unused; zeros are written where
 * the disk lacks the command, unless BLK_REQ_NOFALLBACK: -EOPNOTSUPP),
 * DISCARD (-EOPNOTSUPP where it lacks it).
 * 0, -EIO, -EROFS, -EINVAL (out of the device).  May sleep. */
int blkdev_segs_io(struct blkdev *bd, enum blk_op op, unsigned flags, uint64_t sector,
		   uint32_t count, const struct blk_seg *segs, unsigned nsegs) __must_check;
/* The same without waiting: `io` is filled and stays the caller's until
 * io->end runs (once, from any context, not sleeping) with 0 or -errno;
 * an error found at once runs it before blkdev_submit returns. */
struct blkdev_aio {
	struct blk_req req;
	struct blk_batch batch;
	void (*end)(struct blkdev_aio *io, int err);
	void *priv;	   /* the caller's */
	struct blkdev *bd; /* the layer's: its statistics */
	uint64_t start;
};
void blkdev_submit(struct blkdev *bd, struct blkdev_aio *io, enum blk_op op, uint64_t sector,
		   uint32_t count, const struct blk_seg *segs, unsigned nsegs);

/* A cache flush of the disk (the writes completed before it to stable
 * storage); no request when no write completed since the last one.
 * 0 or -EIO.  May sleep. */
int blkdev_flush(struct blkdev *bd);

/* A new reference to the device numbered `rdev` (stat's st_rdev
 * encoding), or NULL. */
struct blkdev *blkdev_get_rdev(uint64_t rdev);
void blkdev_put(struct blkdev *bd);
uint64_t blkdev_bytes(const struct blkdev *bd);
bool blkdev_read_only(const struct blkdev *bd);
uint64_t blkdev_rdev(const struct blkdev *bd);
/* An opener of the device (an open node, a mounted service): `exclusive`
 * ones (a writable mount) exclude each other (-EBUSY); every opener
 * counts toward the disk's (blk_disk_ops.release).  0 or -EBUSY. */
int blkdev_open(struct blkdev *bd, bool exclusive);
void blkdev_close(struct blkdev *bd, bool exclusive);
int blk_disk_openers(const struct blk_disk *d);

/* A device's I/O statistics, Linux's (Documentation/admin-guide/iostats.rst),
 * by group: requests completed, merged (never: the layer does not merge),
 * sectors, time spent (ns, each request's from submission to completion);
 * requests in flight, time with any in flight (io_ticks).  A partition's
 * I/O counts for its disk too; a flush counts as a write of no sectors
 * too, as Linux's. */
enum blk_stat_group { BLK_STAT_READ, BLK_STAT_WRITE, BLK_STAT_DISCARD, BLK_STAT_FLUSH, BLK_STAT_N };
struct blk_iostat {
	uint64_t ios[BLK_STAT_N], merges[BLK_STAT_N], sectors[BLK_STAT_N], nsecs[BLK_STAT_N];
	uint64_t io_ticks_ns;
	unsigned inflight;
};

/* The 17 fields Linux prints for a device's statistics (reads: completed,
 * merged, sectors, ms; writes: the same; in flight, io_ticks ms,
 * time_in_queue ms; discards: four; flushes: completed, ms), separated by
 * one space (/proc/diskstats) or each 8 wide (`padded`: sysfs's stat),
 * without a newline, into buf: its length (snprintf's). */
int blk_stat_format(const struct blk_iostat *s, bool padded, char *buf, size_t size);

/* Facts of one device, for procfs, sysfs and devfs. */
struct blk_info {
	char name[BLK_NAME + 8];
	char disk[BLK_NAME]; /* the whole disk's name (its own, for a disk) */
	uint32_t major, minor;
	uint64_t sectors;
	bool read_only, partition;
	unsigned lbsize;
	uint64_t start; /* a partition's first sector */
	int partno;
	struct blk_iostat stat; /* as the call found it */
};
/* Call fn for every device in registration order (disks before their
 * partitions) until it returns non-zero; that value, or 0.  `fn` runs
 * with the registry's lock held: it must not sleep. */
int blk_for_each(int (*fn)(const struct blk_info *info, void *ctx), void *ctx);
/* The `i`-th device's facts: 0 or -ENOENT past the last. */
int blk_info_at(unsigned i, struct blk_info *info);
/* The device called `name` ("loop0p1"): 0 or -ENOENT. */
int blk_info_by_name(const char *name, size_t len, struct blk_info *info);

/* A block device node's inode (its FileLike) on `sb` (devfs's; NULL: the
 * layer's own, for device nodes on other filesystems): a new reference
 * in *out, -ENXIO when no device has the number, -ENOMEM. */
int blk_node_inode(struct vfs_sb *sb, uint64_t ino, uint64_t rdev, struct inode **out);
/* A node inode made by blk_node_inode is going (devfs's evict); nothing
 * for another inode. */
void blk_node_evict(struct inode *ino);
bool blk_is_node(const struct inode *ino);
/* The device's size behind an open node (lseek SEEK_END): -ENXIO if none. */
int64_t blk_node_size(struct inode *ino);

/* The device root= names (kernel/block/rootdev.c): "vda1" or
 * "/dev/vda1", "MAJ:MIN", "LABEL=name" or "UUID=..." (of an ext2/3/4
 * volume, as blkid shows them).  0 with its name and number (st_rdev's
 * encoding), -ENODEV when no device matches (yet), -EINVAL for a bad
 * specification.  May sleep (reads superblocks). */
int blk_find_root(const char *spec, char *name, size_t size, uint64_t *rdev);

/* ---- the buffer cache (kernel/block/bcache.c) ---- */

/* Write back every dirty buffer of every device: sync(2). */
void bcache_sync_all(void);
/* Memory pressure: write back dirty buffers and free clean unused ones;
 * true if anything was freed. */
bool bcache_shrink(void);
/* Boot: start the writeback thread. */
void blk_init(void);

/* ---- the loop device (kernel/block/loop.c) ---- */

/* Bind a free loop device (made if none is) to the open file `f`, as
 * autoclear: it lets the file go with its last opener.  `name` is what
 * LOOP_GET_STATUS64 shows.  A new reference to its device in *out; 0,
 * -EINVAL (not a regular file or block device), -ENOSPC, -ENOMEM. */
int loop_attach_file(struct file *f, const char *name, bool read_only, struct blkdev **out);
/* /dev/loop-control's FileLike (10:237). */
extern const struct file_ops loop_control_ops;
void loop_init(void);

/* ---- buffers (kernel/block/bcache.c) ----
 *
 * One cached copy of each block of a device, shared by every user: the
 * device node's read and write, and the services on the device (through
 * the service API, kernel/fs/service_bio.c).  A device caches blocks of
 * one size at a time; asking for another size writes back and drops the
 * cache first (-EINVAL while a buffer is in use), as Linux's
 * set_blocksize.  Every call may sleep. */
struct bcache_buf;
/* Block `blk` of `size` bytes with one reference: read from the disk when
 * not cached and `read`, else zeroed.  NULL and *err: -EINVAL (size, or
 * past the end), -EIO, -ENOMEM. */
struct bcache_buf *bcache_get(struct blkdev *bd, uint64_t blk, unsigned size, bool read, int *err)
	__must_check;
void bcache_put(struct bcache_buf *b);
unsigned bcache_size(const struct bcache_buf *b);
/* Copy bytes out: the buffer's generation, which changes whenever its
 * bytes do (read from the disk, written). */
unsigned bcache_read(struct bcache_buf *b, size_t off, void *dst, size_t n);
/* A user's mark that it checked the bytes (a service's checksum, as Linux
 * verifies a metadata buffer once): set only if the buffer is still at
 * generation `gen` (bcache_read's), cleared by any change of the bytes. */
bool bcache_verified(const struct bcache_buf *b);
void bcache_set_verified(struct bcache_buf *b, unsigned gen);
/* Change the block and mark it dirty: its new generation. */
unsigned bcache_write(struct bcache_buf *b, size_t off, const void *src, size_t n);
/* The same between the block and an iobuf, stopping at a bad user page:
 * the bytes moved (iobuf_*_upto). */
size_t bcache_to_iobuf(struct bcache_buf *b, size_t off, struct iobuf *io, size_t at, size_t n);
size_t bcache_from_iobuf(struct bcache_buf *b, size_t off, struct iobuf *io, size_t at, size_t n);
/* Keep the buffer from being written back (nested holds count). */
void bcache_hold(struct bcache_buf *b, bool hold);
bool bcache_dirty(const struct bcache_buf *b);
/* Write it now if dirty (even held): 0 or -EIO. */
int bcache_sync(struct bcache_buf *b) __must_check;
/* Every dirty, unheld buffer of the device, then a flush of the disk:
 * 0 or -EIO. */
int bcache_sync_dev(struct blkdev *bd);
/* A writer's pause: past a limit of dirty buffers, write them back now. */
void bcache_balance_dirty(struct blkdev *bd);
/* The size the device caches blocks in now. */
unsigned bcache_dev_bsize(struct blkdev *bd);
/*
 * Coherence with I/O that bypasses the buffers (the page cache's data
 * pages, the device node's large requests): bytes [off, off + len) of the
 * device, in `segs` (NULL: zeros, for a WRITE_ZEROES or DISCARD).
 * bcache_supersede, before a write of them: every cached buffer in the
 * range takes the new bytes; one covered whole becomes clean (the write
 * makes the disk equal to it), so a dirty metadata block freed and reused
 * for data is never written back over the data.  An unused, unheld one
 * covered whole is dropped.  A buffer the journal holds keeps its hold,
 * with the new bytes, clean: the journal that reuses a block it logged
 * must revoke it (jbd2's rule), the cache does not know the journal.
 * bcache_overlay, after a read of them: a dirty buffer's bytes replace
 * what the disk gave (they are newer).  Both may sleep. */
void bcache_supersede(struct blkdev *bd, uint64_t off, uint64_t len, const struct blk_seg *segs,
		      unsigned nsegs);
void bcache_overlay(struct blkdev *bd, uint64_t off, uint64_t len, const struct blk_seg *segs,
		    unsigned nsegs);
/* A DISCARD of the range: the buffers covered whole are dropped, or, in
 * use, made clean and read again from the disk at their next bcache_get
 * (as Linux drops a device's cached pages, dirty or not). */
void bcache_invalidate(struct blkdev *bd, uint64_t off, uint64_t len);
/* /proc/meminfo's Buffers and Dirty: bytes cached, bytes dirty. */
void bcache_counts(uint64_t *bytes, uint64_t *dirty);
