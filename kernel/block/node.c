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
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/cred.h>
#include <kernel/vfs.h>
#include <linux/capability.h>
#include "block.h"

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
 * sequential miss up to 2 MiB.  A random read reads only its blocks.
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

static ssize_t node_io(struct inode *ino, uint64_t off, struct iobuf *io, bool write)
{
	struct blkdev *bd = dev_of(ino);
	uint64_t size = blkdev_bytes(bd);
	move_fn move = write ? bcache_from_iobuf : bcache_to_iobuf;
	size_t done = 0, len = io->len;

	if (READ_ONCE(bd->gone))
		return -EIO;
	if (off >= size)
		return write && len ? -ENOSPC : 0;
	if (write && blkdev_read_only(bd))
		return -EPERM;
	len = MIN(len, size - off);
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

static ssize_t node_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return node_io(ino, off, b, false);
}

static ssize_t node_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return node_io(ino, off, b, true);
}

static int node_fsync(struct inode *ino)
{
	return bcache_sync_dev(dev_of(ino));
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
	.stat = node_stat,
	.release = node_release,
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
