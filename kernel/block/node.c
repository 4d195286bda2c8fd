/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Block device nodes (/dev/loop0, /dev/loop0p1, a mknod b 7 0 elsewhere):
 * read, write and the BLK* ioctls of a device from userland, as Linux's
 * block/fops.c.  Bytes go through the buffer cache (bcache.c) in the
 * device's current block size, so a reader of the node sees what a
 * mounted service wrote and the reverse.  A read past the end reads
 * nothing; a write there is ENOSPC; one running over the end is cut.
 * stat shows size 0 (as Linux); lseek's SEEK_END uses the device size.
 * The last close writes the device's dirty blocks back, as Linux does.
 * O_DIRECT bypasses the cache, coherent with it (node_direct).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/falloc.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/cred.h>
#include <kernel/vfs.h>
#include <linux/capability.h>
#include "block.h"

/* Newer (Linux 6.17) than the UAPI headers the build may stage. */
#ifndef FALLOC_FL_WRITE_ZEROES
#define FALLOC_FL_WRITE_ZEROES 0x80
#endif

/* A node inode's state: devfs makes one per lookup, so (but for a
 * reopen through /proc/<pid>/fd) per open file. */
struct node {
	struct blkdev *bd; /* one reference */
	unsigned flags;	   /* the O_* flags of its last open: ioctls ask how it was opened */
	/* read-ahead (racy by design: a wrong guess costs time, not data) */
	uint64_t ra_next; /* the byte after the last read */
	uint64_t ra;	  /* the window, in bytes: 0 until reads are sequential */
};

#define RA_INIT (128u << 10) /* Linux's default read_ahead_kb */
#define RA_MAX	(2u << 20)

static struct blkdev *dev_of(const struct inode *ino)
{
	return ((struct node *)ino->priv)->bd;
}

static int node_open(struct inode *ino, unsigned flags)
{
	struct blkdev *bd = dev_of(ino);

	if (READ_ONCE(bd->gone))
		return -ENXIO;
	WRITE_ONCE(((struct node *)ino->priv)->flags, flags);
	return blkdev_open(bd, false);
}

static void node_release(struct inode *ino, unsigned flags)
{
	blkdev_close(dev_of(ino), false);
}

/*
 * A read that misses the cache reads what it wants and, when reads are
 * sequential, the read-ahead window after it, in one request of many
 * blocks (bcache_read_run): 128 KiB at first, doubling with each
 * sequential read up to 2 MiB.  A random read reads only its blocks.
 * The blocks stay in the buffer cache, shared with the services.
 */
static void read_ahead(struct node *nd, uint64_t off, size_t len, unsigned bs)
{
	struct blkdev *bd = nd->bd;
	uint64_t first = off / bs, last = (off + len - 1) / bs, want;
	uint64_t ra = READ_ONCE(nd->ra);

	if (off == READ_ONCE(nd->ra_next) || off == 0)
		ra = ra ? MIN(ra * 2, (uint64_t)RA_MAX) : RA_INIT;
	else
		ra = 0;
	WRITE_ONCE(nd->ra, ra);
	WRITE_ONCE(nd->ra_next, off + len);
	want = last - first + 1 + ra / bs;
	/* from the first block not cached: a cached run is skipped */
	for (uint64_t blk = first; blk <= last; blk++) {
		int got = bcache_read_run(
			bd, blk, (unsigned)MIN(want - (blk - first), (uint64_t)UINT32_MAX), bs);

		if (got < 0)
			return; /* the reads block by block find the error */
		blk += got ? (uint64_t)got - 1 : 0;
	}
}

typedef size_t (*move_fn)(struct bcache_buf *b, size_t off, struct iobuf *io, size_t at, size_t n);

/* What every read and write of the node checks first: 0 with *len cut
 * at the device's end (0 at or past it), or the error to return: -EIO
 * (the disk is gone), -ENOSPC (a write at or past the end), -EPERM (a
 * write to a read-only disk). */
static int node_range(struct blkdev *bd, uint64_t off, bool write, size_t *len)
{
	uint64_t size = blkdev_bytes(bd);

	if (READ_ONCE(bd->gone))
		return -EIO;
	if (off >= size) {
		bool nospc = write && *len;

		*len = 0;
		return nospc ? -ENOSPC : 0;
	}
	if (write && blkdev_read_only(bd))
		return -EPERM;
	*len = MIN(*len, size - off);
	return 0;
}

static ssize_t node_io(struct inode *ino, uint64_t off, struct iobuf *io, bool write)
{
	struct blkdev *bd = dev_of(ino);
	move_fn move = write ? bcache_from_iobuf : bcache_to_iobuf;
	size_t done = 0, len = io->len;
	int r = node_range(bd, off, write, &len);

	if (r)
		return r;
	if (!write && len)
		read_ahead(ino->priv, off, len, bcache_dev_bsize(bd));
	while (done < len) {
		unsigned bs = bcache_dev_bsize(bd);
		uint64_t pos = off + done;
		size_t in = pos % bs, n = MIN(len - done, bs - in), got;
		struct bcache_buf *b;
		int err;

		/* a whole block overwritten need not be read first */
		b = bcache_get(bd, pos / bs, bs, !(write && n == bs), &err);
		if (!b) {
			if (err == -EINVAL) /* the size changed under us: once more */
				continue;
			return done ? (ssize_t)done : err;
		}
		got = move(b, in, io, done, n);
		bcache_put(b);
		if (write)
			bcache_balance_dirty(bd);
		done += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

/*
 * O_DIRECT (Linux's blkdev_direct_IO): the position, the count (cut at
 * the end of the device first: a read at or past it reads nothing) and the
 * buffer's address must be multiples of the logical block size, else
 * EINVAL.  The bytes go between the caller's memory and the disk through
 * a kernel buffer (a copy: no user page is pinned), in requests of up to
 * DIRECT_CHUNK, past the buffer cache but coherent with it: a write first
 * gives the cached buffers of its range the new bytes (bcache_supersede),
 * a read takes a dirty buffer's bytes over the disk's (bcache_overlay).
 * A write is on the disk when it returns.
 */
#define DIRECT_CHUNK (256u << 10)

static ssize_t node_direct(struct inode *ino, uint64_t off, struct iobuf *io, bool write)
{
	struct blkdev *bd = dev_of(ino);
	unsigned lbs = bd->disk->lbsize ? bd->disk->lbsize : BLK_SECTOR;
	size_t done = 0, len = io->len, chunk;
	ssize_t err = node_range(bd, off, write, &len);
	char *buf;

	if (err || !len)
		return err;
	if (((off | len) & (lbs - 1)) || !iobuf_aligned(io, lbs))
		return -EINVAL;
	chunk = MIN(len, (size_t)DIRECT_CHUNK);
	buf = kmalloc(chunk);
	if (!buf && chunk > PAGE_SIZE) { /* no large block free: page by page */
		chunk = PAGE_SIZE;
		buf = kmalloc(chunk);
	}
	if (!buf)
		return -ENOMEM;
	while (done < len) {
		uint64_t pos = off + done;
		size_t n = MIN(len - done, chunk), got;
		struct blk_seg seg = {.addr = buf};

		if (write) {
			/* a fault part-way: the whole sectors before it go */
			got = vfs_iobuf_get_upto(io, done, buf, n);
			got -= got % lbs;
			if (!got) {
				err = -EFAULT;
				break;
			}
			seg.len = (uint32_t)got;
			bcache_supersede(bd, pos, got, &seg, 1);
			err = blkdev_segs_io(bd, BLK_WRITE, 0, pos / BLK_SECTOR,
					     (uint32_t)(got / BLK_SECTOR), &seg, 1);
		} else {
			seg.len = (uint32_t)n;
			err = blkdev_segs_io(bd, BLK_READ, 0, pos / BLK_SECTOR,
					     (uint32_t)(n / BLK_SECTOR), &seg, 1);
			if (!err) {
				bcache_overlay(bd, pos, n, &seg, 1);
				got = vfs_iobuf_put_upto(io, done, buf, n);
				if (!got)
					err = -EFAULT;
			}
		}
		if (err)
			break;
		done += got;
		if (got < n)
			break;
	}
	kfree(buf);
	return done ? (ssize_t)done : err;
}

static ssize_t node_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	if (flags & O_DIRECT)
		return node_direct(ino, off, b, false);
	return node_io(ino, off, b, false);
}

static ssize_t node_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	if (flags & O_DIRECT)
		return node_direct(ino, off, b, true);
	return node_io(ino, off, b, true);
}

static int node_fsync(struct inode *ino, bool datasync)
{
	return bcache_sync_dev(dev_of(ino));
}

/*
 * Zeroing and discarding (BLKZEROOUT, BLKDISCARD, fallocate): the cached
 * buffers of the range take zeros (a discard drops them: the disk may
 * keep the bytes), dirty or not, as Linux drops its cached pages of the
 * range; then the disk does it, in pieces of at most 2 GiB; then once
 * more for a block read in meanwhile.  `op` WRITE_ZEROES with `flags` BLK_REQ_UNMAP (the disk may
 * deallocate) and BLK_REQ_NOFALLBACK (-EOPNOTSUPP where the disk has no
 * such command, instead of zeros written); or DISCARD.
 */
static int zero_range(struct blkdev *bd, enum blk_op op, unsigned flags, uint64_t start,
		      uint64_t len)
{
	const uint32_t piece = 1u << 22;
	int err = 0;

	if (op == BLK_DISCARD || (flags & BLK_REQ_NOFALLBACK)) {
		uint32_t lim = op == BLK_DISCARD ? bd->disk->max_discard_sectors
						 : bd->disk->max_zero_sectors;

		if (!lim)
			return -EOPNOTSUPP;
	}
	if (op == BLK_DISCARD)
		bcache_invalidate(bd, start, len);
	else
		bcache_supersede(bd, start, len, NULL, 0);
	for (uint64_t s = start / BLK_SECTOR, left = len / BLK_SECTOR; left && !err;) {
		uint32_t n = (uint32_t)MIN(left, (uint64_t)piece);

		err = blkdev_segs_io(bd, op, flags, s, n, NULL, 0);
		s += n;
		left -= n;
	}
	/* a block read in meanwhile holds what was there before */
	if (!err && op == BLK_DISCARD)
		bcache_invalidate(bd, start, len);
	else if (!err)
		bcache_supersede(bd, start, len, NULL, 0);
	return err;
}

static bool opened_writable(struct inode *ino)
{
	return (READ_ONCE(((struct node *)ino->priv)->flags) & O_ACCMODE) != O_RDONLY;
}

/* BLKZEROOUT and BLKDISCARD: a range {start, len} in bytes, checked as
 * Linux's blk_ioctl_zeroout and blk_ioctl_discard check it, in order. */
static long range_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct blkdev *bd = dev_of(ino);
	uint64_t range[2], start, len, size = blkdev_bytes(bd);
	uint64_t mask = (bd->disk->lbsize ? bd->disk->lbsize : BLK_SECTOR) - 1;

	if (!opened_writable(ino))
		return -EBADF;
	if (cmd == BLKDISCARD) {
		if (!bd->disk->max_discard_sectors)
			return -EOPNOTSUPP;
		if (blkdev_read_only(bd))
			return -EPERM;
	}
	if (copy_from_user(range, (const void __user *)uptr(arg), sizeof(range)))
		return -EFAULT;
	start = range[0];
	len = range[1];
	if (cmd == BLKDISCARD) {
		if (!len || (start | len) & mask || start + len < start || start + len > size)
			return -EINVAL;
		return zero_range(bd, BLK_DISCARD, 0, start, len);
	}
	if (start & (BLK_SECTOR - 1) || len & (BLK_SECTOR - 1) || start + len - 1 >= size ||
	    start + len - 1 < start)
		return -EINVAL;
	if (blkdev_read_only(bd))
		return -EPERM;
	return zero_range(bd, BLK_WRITE_ZEROES, 0, start, len);
}

/* fallocate on the node, as Linux's blkdev_fallocate (the syscall checked
 * the range's sign, the mode's shape, the file's access) */
static int node_fallocate(struct inode *ino, int mode, uint64_t start, uint64_t len)
{
	struct blkdev *bd = dev_of(ino);
	uint64_t size = blkdev_bytes(bd), end = start + len - 1;
	uint64_t mask = (bd->disk->lbsize ? bd->disk->lbsize : BLK_SECTOR) - 1;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE |
		     FALLOC_FL_WRITE_ZEROES))
		return -EOPNOTSUPP;
	if (start >= size)
		return -EINVAL;
	if (end >= size) {
		if (!(mode & FALLOC_FL_KEEP_SIZE))
			return -EINVAL;
		len = size - start;
	}
	if ((start | len) & mask)
		return -EINVAL;
	if (READ_ONCE(bd->gone))
		return -EIO;
	if (blkdev_read_only(bd))
		return -EPERM;
	switch (mode) {
	case FALLOC_FL_ZERO_RANGE:
	case FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE:
		return zero_range(bd, BLK_WRITE_ZEROES, 0, start, len);
	case FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE:
		return zero_range(bd, BLK_WRITE_ZEROES, BLK_REQ_UNMAP | BLK_REQ_NOFALLBACK, start,
				  len);
	case FALLOC_FL_WRITE_ZEROES:
		return zero_range(bd, BLK_WRITE_ZEROES, BLK_REQ_NOFALLBACK, start, len);
	default:
		return -EOPNOTSUPP;
	}
}

static int put_int(uint64_t arg, int v)
{
	return put_user(v, (int __user *)uptr(arg)) ? -EFAULT : 0;
}

static long node_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct blkdev *bd = dev_of(ino);
	struct blk_disk *d = bd->disk;
	uint64_t bytes = blkdev_bytes(bd);
	int v;

	switch (cmd) {
	case BLKGETSIZE64:
		return put_user(bytes, (uint64_t __user *)uptr(arg)) ? -EFAULT : 0;
	case BLKGETSIZE:
		return put_user((unsigned long)(bytes / BLK_SECTOR),
				(unsigned long __user *)uptr(arg))
			       ? -EFAULT
			       : 0;
	case BLKSSZGET:
		return put_int(arg, (int)d->lbsize);
	case BLKPBSZGET:
	case BLKIOMIN:
		return put_user((unsigned)d->lbsize, (unsigned __user *)uptr(arg)) ? -EFAULT : 0;
	case BLKIOOPT:
		return put_user(0u, (unsigned __user *)uptr(arg)) ? -EFAULT : 0;
	case BLKBSZGET:
		return put_int(arg, (int)bcache_dev_bsize(bd));
	case BLKROGET:
		return put_int(arg, blkdev_read_only(bd) ? 1 : 0);
	case BLKROSET:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		if (get_user(v, (int __user *)uptr(arg)))
			return -EFAULT;
		/* one flag for the disk here, where Linux keeps one per device */
		WRITE_ONCE(d->read_only, v != 0);
		return 0;
	case BLKFLSBUF:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		(void)bcache_sync_dev(bd);
		(void)bcache_flush_dev(bd);
		return 0;
	case BLKZEROOUT:
	case BLKDISCARD:
		return range_ioctl(ino, cmd, arg);
	case BLKDISCARDZEROES:
		return put_int(arg, 0);
	case BLKRRPART:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		if (bd->partno || !d->partscan)
			return -EINVAL;
		return blk_disk_rescan(d);
	default:
		if (d->ops->ioctl && !READ_ONCE(bd->gone) && !bd->partno)
			return d->ops->ioctl(d, cmd, arg,
					     (READ_ONCE(((struct node *)ino->priv)->flags) &
					      O_ACCMODE) != O_RDONLY);
		return -ENOTTY;
	}
}

static int node_stat(struct inode *ino, struct vfs_stat *st)
{
	st->mode = S_IFBLK | 0660;
	st->nlink = 1;
	st->rdev = blkdev_rdev(dev_of(ino));
	st->gid = 6; /* Debian's "disk" group, as udev gives block devices */
	st->blksize = 4096;
	return 0;
}

static const struct file_ops node_ops = {
	.open = node_open,
	.read = node_read,
	.write = node_write,
	.ioctl = node_ioctl,
	.fsync = node_fsync,
	.fallocate = node_fallocate,
	.stat = node_stat,
	.release = node_release,
	.direct_io = true,
};

bool blk_is_node(const struct inode *ino)
{
	return ino->kind == INODE_FILE && ino->ops.file == &node_ops;
}

int64_t blk_node_size(struct inode *ino)
{
	return blk_is_node(ino) ? (int64_t)blkdev_bytes(dev_of(ino)) : -ENXIO;
}

void blk_node_evict(struct inode *ino)
{
	if (!blk_is_node(ino))
		return;
	blkdev_put(dev_of(ino));
	kfree(ino->priv);
}

static void layer_evict(struct inode *ino)
{
	blk_node_evict(ino);
}

static const struct vfs_sb_ops layer_sb_ops = {.evict = layer_evict};
static struct vfs_sb layer_sb = {.ops = &layer_sb_ops};

int blk_node_inode(struct vfs_sb *sb, uint64_t ino, uint64_t rdev, struct inode **out)
{
	struct blkdev *bd = blkdev_get_rdev(rdev);
	struct node *n;
	struct inode *i;

	if (!bd)
		return -ENXIO;
	n = kzalloc(sizeof(*n));
	i = n ? inode_alloc(sb ? sb : &layer_sb, INODE_FILE, &node_ops, ino ? ino : rdev) : NULL;
	if (!i) {
		kfree(n);
		blkdev_put(bd);
		return -ENOMEM;
	}
	n->bd = bd;
	i->priv = n;
	*out = i;
	return 0;
}
