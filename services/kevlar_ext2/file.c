/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Regular files, symlinks and special nodes: read(2) and write(2) (on
 * ring 1's page cache, pages.c; ext2_readpage fills a page from the
 * block map, ext2_writepage writes a page's blocks), truncate,
 * fallocate, fsync, setattr and SEEK_DATA/SEEK_HOLE, readlink of fast
 * symlinks (the target in i_block) and slow ones (a data block), and the
 * ops tables.
 *
 * File data is not metadata: it is written back from the cached pages
 * (pages.c), never through the transaction; blocks newly mapped for it
 * are ordered data, so a journal commits their mapping only after them.
 * Holes and unwritten extents read as zeros; a block written is written
 * whole, so the bytes past the end of the file in its last block are
 * always zeros (truncate zeroes them when it shrinks a file).
 *
 * Locking: fs->wlock is held around every read of the block map and
 * every change, never across a copy to or from user memory (that copy
 * could fault on a mapping of this very file): write copies the user's
 * bytes into a kernel buffer first, read copies out of cached pages with
 * no lock held.  fs->plock (pages.c) is taken before fs->wlock by the
 * changes of file data, which then update the cached pages.
 * O_APPEND takes the size under the lock, so each chunk lands at the end.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/falloc.h>
#include <linux/fcntl.h>
#include <linux/fiemap.h>
#include <linux/mount.h>
#include <linux/stat.h>
#include "ext2.h"
#include "tx.h"

#define PAGE	      SVC_PAGE_SIZE
#define WRITE_CHUNK   (16 * PAGE) /* bytes copied from the user per locked step */
#define WRITE_CREDITS 64
#define LBLK_LIMIT    (1ull << 32)
#define FALLOC_BATCH  16 /* extents per transaction in fallocate */
#define RELATIME_SECS (24 * 60 * 60)
/* The largest size a file may have: 2^32 blocks with extents, what the
 * three indirect levels reach without, and what i_blocks can count. */
static uint64_t max_size(const struct ext2_inode *ei)
{
	const struct ext2_fs *fs = ei->fs;
	uint64_t blocks = LBLK_LIMIT - 1, per = fs->bsize / 4;
	uint64_t sectors = (fs->ro_compat & RO_COMPAT_HUGE_FILE) ? (1ull << 48) - 1 : UINT32_MAX;

	if (!(ei->flags & INODE_FL_EXTENTS))
		blocks = MIN(blocks, 12 + per + per * per + per * per * per);
	blocks = MIN(blocks, (sectors >> (fs->log_bsize - 9)) - 1);
	return blocks << fs->log_bsize;
}

static void stamp(struct ext2_inode *ei, bool mtime)
{
	struct vfs_time now = svc_now();

	ei->ctime = now;
	if (mtime)
		ei->mtime = now;
}

/* Read the blocks of page `pgoff` into `page` (PAGE bytes): zeros for
 * holes, unwritten extents and everything past the end of the file.
 * fs->wlock held.  0, -EIO, -EUCLEAN, -ENOMEM. */
int ext2_readpage(struct ext2_inode *ei, uint64_t pgoff, uint8_t *page)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t pos = pgoff * PAGE;
	size_t step;
	int err = 0;

	memset(page, 0, PAGE);
	for (size_t at = 0; at < PAGE && pos + at < ei->size; at += step) {
		uint64_t lblk = (pos + at) >> fs->log_bsize, pblk, run;
		size_t boff = (pos + at) & (fs->bsize - 1);
		struct svc_buf *b;

		step = MIN(fs->bsize - boff, PAGE - at);
		err = ext2_bmap(ei, lblk, &pblk, &run);
		if (err)
			return err;
		if (!pblk)
			continue;
		b = svc_bread(fs->cap, fs->bd, pblk, fs->bsize, &err);
		if (!b)
			return -EIO;
		svc_buf_read(b, boff, page + at, step);
		svc_brelse(fs->cap, b);
	}
	if (ei->size < pos + PAGE && ei->size > pos)
		memset(page + (ei->size - pos), 0, (size_t)(pos + PAGE - ei->size));
	return 0;
}

/* Write the blocks of page `pgoff` that bytes [from, to) of it touch,
 * each whole from `page` (which holds the file's current bytes around
 * the range), allocating holes and converting unwritten extents; `hint`
 * blocks from the first one on are about to be written (one allocation
 * for a long write).  fs->wlock held, in transaction `tx`.  The caller
 * updates i_size.  0, -ENOSPC, -EFBIG, -EIO, -EUCLEAN, -ENOMEM. */
int ext2_writepage(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t pgoff, const uint8_t *page,
		   size_t from, size_t to, uint32_t hint)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t first = (pgoff * PAGE) >> fs->log_bsize;
	size_t b0 = from >> fs->log_bsize, b1 = (to + fs->bsize - 1) >> fs->log_bsize;
	int err = 0;

	for (size_t i = b0; i < b1 && !err; i++) {
		uint64_t lblk = first + i, pblk, run, had;
		uint32_t got;
		struct svc_buf *b;

		err = ext2_bmap(ei, lblk, &had, &run);
		if (err)
			break;
		err = ext2_bmap_alloc(tx, ei, lblk, hint > i - b0 ? hint - (uint32_t)(i - b0) : 1,
				      false, &pblk, &got);
		if (err)
			break;
		b = svc_bget(fs->cap, fs->bd, pblk, fs->bsize, &err);
		if (!b) {
			err = -EIO;
			break;
		}
		svc_buf_write(b, 0, page + (i << fs->log_bsize), fs->bsize);
		svc_brelse(fs->cap, b);
		if (!had)
			ext2_tx_ordered(tx, pblk, 1);
	}
	return err;
}

static bool time_le(struct vfs_time a, struct vfs_time b)
{
	return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec);
}

/* A read updates the access time as the mount says: relatime (Linux's
 * default) only when it is not after the last change or a day old,
 * strictatime always, noatime and O_NOATIME never.  Best effort: a
 * failure to write it is not the read's. */
static void touch_atime(struct ext2_inode *ei, unsigned flags)
{
	struct ext2_fs *fs = ei->fs;
	unsigned long mnt = fs->sb->flags;
	struct vfs_time now = svc_now();
	struct ext2_tx *tx;

	if ((flags & O_NOATIME) || fs->sb->read_only || (mnt & MS_NOATIME))
		return;
	svc_lock(fs->cap, fs->wlock);
	if (!(mnt & MS_RELATIME) || time_le(ei->atime, ei->mtime) ||
	    time_le(ei->atime, ei->ctime) || now.sec - ei->atime.sec >= RELATIME_SECS) {
		ei->atime = now;
		if (!ext2_tx_begin(fs, 1, &tx)) {
			if (ext2_inode_write(tx, ei))
				svc_log("EXT4-fs (%s): inode #%u: atime not written",
					fs->sb->source, ei->ino);
			ext2_tx_end(tx);
		}
	}
	svc_unlock(fs->cap, fs->wlock);
}

static ssize_t ext2_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct ext2_inode *ei = EI(ino);
	ssize_t r;

	if (b->len == 0)
		return 0;
	r = (flags & O_DIRECT) ? ext2_direct_read(ei, off, b) : ext2_pc_read(ei, off, b);
	if (r > 0)
		touch_atime(ei, flags);
	return r;
}

/* write(2): in chunks copied from the user first (no fault with a lock
 * held), each into the cached pages under fs->plock (pages.c).  O_SYNC
 * and O_DSYNC are ring 1's: it writes the pages back and calls fsync. */
static ssize_t ext2_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	size_t done = 0;
	ssize_t err = 0;
	uint8_t *buf;

	if (fs->sb->read_only)
		return -EROFS;
	if (b->len == 0)
		return 0;
	if (flags & O_DIRECT)
		return ext2_direct_write(ei, off, b, flags, max_size(ei));
	/* no more than the write needs: a small write zeroes no 64 KiB */
	buf = svc_alloc(fs->cap, MIN((size_t)WRITE_CHUNK, b->len));
	if (!buf)
		return -ENOMEM;
	while (done < b->len) {
		size_t n = MIN((size_t)WRITE_CHUNK, b->len - done), got;
		uint64_t limit, at;
		ssize_t w;

		got = iobuf_get_upto(b, done, buf, n);
		if (got == 0) {
			err = -EFAULT;
			break;
		}
		svc_lock(fs->cap, fs->plock);
		at = (flags & O_APPEND) ? ei->size : off + done;
		limit = max_size(ei);
		if (at >= limit) {
			svc_unlock(fs->cap, fs->plock);
			err = -EFBIG;
			break;
		}
		got = (size_t)MIN((uint64_t)got, limit - at);
		w = ext2_pc_write(ei, at, buf, got);
		svc_unlock(fs->cap, fs->plock);
		if (w < 0) {
			err = w;
			break;
		}
		done += (size_t)w;
		if ((size_t)w < n)
			break;
	}
	svc_free(fs->cap, buf);
	return done ? (ssize_t)done : err;
}

/* Zero bytes [from, to) of block `lblk` if it holds data (a partial
 * block at the edge of a truncate, punch or zeroed range), and write it
 * now: the zeros reach the disk before the transaction that shrinks or
 * punches commits (ordered mode; a commit on 4 KiB blocks only flushes,
 * tx.h), and a later fsync finds no file data left in the buffers. */
static int zero_partial(struct ext2_inode *ei, uint64_t lblk, size_t from, size_t to)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t pblk, run;
	struct svc_buf *b;
	uint8_t *z;
	int err = ext2_bmap(ei, lblk, &pblk, &run);

	if (err || !pblk || from >= to)
		return err;
	b = svc_bread(fs->cap, fs->bd, pblk, fs->bsize, &err);
	if (!b)
		return -EIO;
	z = svc_alloc(fs->cap, to - from);
	if (z) {
		svc_buf_write(b, from, z, to - from);
		err = svc_buf_sync(fs->cap, b);
	}
	svc_brelse(fs->cap, b);
	svc_free(fs->cap, z);
	return z ? err : -ENOMEM;
}

/* Set the size (fs->wlock held): shrinking zeroes the tail of the new
 * last block and frees every block after it (preallocated ones past the
 * old end too, as Linux does when the size does not grow). */
static int set_size(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t len)
{
	struct ext2_fs *fs = ei->fs;
	int err = 0;

	if (len > max_size(ei))
		return -EFBIG;
	if (len <= ei->size) {
		size_t tail = len & (fs->bsize - 1);

		if (tail)
			err = zero_partial(ei, len >> fs->log_bsize, tail, fs->bsize);
		if (!err)
			err = ext2_truncate_blocks(tx, ei, (len + fs->bsize - 1) >> fs->log_bsize);
	}
	if (!err && len != ei->size) {
		ei->size = len;
		stamp(ei, true);
	}
	return err;
}

static int ext2_truncate(struct inode *ino, uint64_t len)
{
	struct vfs_setattr a = {.valid = VFS_SET_SIZE, .size = (int64_t)len};

	return ext2_setattr(ino, &a);
}

/* Linux's rules for immutable and append-only inodes (notify_change,
 * may_open): nothing changes an immutable one; an append-only one only
 * takes new times, and opens for writing only with O_APPEND, never
 * O_TRUNC. */
bool ext2_setattr_refused(const struct ext2_inode *ei, const struct vfs_setattr *a)
{
	return (ei->flags & INODE_FL_IMMUTABLE) ||
	       ((ei->flags & INODE_FL_APPEND) && (a->valid & ~(VFS_SET_ATIME | VFS_SET_MTIME)));
}

static int ext2_open(struct inode *ino, unsigned flags)
{
	const struct ext2_inode *ei = EI(ino);
	bool writing = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if (writing && (ei->flags & INODE_FL_IMMUTABLE))
		return -EPERM;
	if ((ei->flags & INODE_FL_APPEND) && writing && (!(flags & O_APPEND) || (flags & O_TRUNC)))
		return -EPERM;
	return 0;
}

/* chmod, chown and utimes of a setattr into the inode's fields (the
 * caller stamps ctime and writes the inode). */
void ext2_apply_attrs(struct ext2_inode *ei, const struct vfs_setattr *a)
{
	if (a->valid & VFS_SET_MODE)
		ei->mode = (ei->mode & S_IFMT) | (a->mode & 07777);
	if (a->valid & VFS_SET_UID)
		ei->uid = a->uid;
	if (a->valid & VFS_SET_GID)
		ei->gid = a->gid;
	if (a->valid & VFS_SET_ATIME)
		ei->atime = a->atime;
	if (a->valid & VFS_SET_MTIME)
		ei->mtime = a->mtime;
}

int ext2_setattr(struct inode *ino, const struct vfs_setattr *a)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	struct ext2_tx *tx;
	uint64_t old_size, new_size;
	int err;

	if (ext2_setattr_refused(ei, a))
		return -EPERM;

	if (fs->sb->read_only)
		return -EROFS;
	if (a->valid & VFS_SET_SIZE) {
		if (S_ISDIR(ei->mode))
			return -EISDIR;
		if (!S_ISREG(ei->mode) || a->size < 0)
			return -EINVAL;
	}
	svc_lock(fs->cap, fs->plock);
	svc_lock(fs->cap, fs->wlock);
	old_size = ei->size;
	err = ext2_tx_begin(fs, WRITE_CREDITS, &tx);
	if (err)
		goto out_unlock;
	if (a->valid & VFS_SET_SIZE)
		err = set_size(tx, ei, (uint64_t)a->size);
	if (!err) {
		ext2_apply_attrs(ei, a);
		if (a->valid & ~VFS_SET_SIZE)
			stamp(ei, false);
		err = ext2_inode_write(tx, ei);
	}
	ext2_tx_end(tx);
out_unlock:
	new_size = ei->size;
	svc_unlock(fs->cap, fs->wlock);
	/* the cached pages follow the blocks: past a shrunk end they go and
	 * the last one's tail is zeroed; a grown file's old last page too
	 * (a shared mapping may have stored past the old end) */
	if (!err && (a->valid & VFS_SET_SIZE) && S_ISREG(ei->mode) && ei->vfs) {
		if (new_size > old_size)
			svc_pcache_truncate(fs->cap, ei->vfs, old_size);
		svc_pcache_truncate(fs->cap, ei->vfs, new_size);
	}
	svc_unlock(fs->cap, fs->plock);
	return err;
}

/* fsync, fdatasync: the pages are written back (ring 1); commit the
 * running transaction only if it holds the inode's last change (tx.h). */
static int ext2_fsync(struct inode *ino, bool datasync)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	int err;

	if (fs->sb->read_only)
		return 0;
	svc_lock(fs->cap, fs->wlock);
	err = ext2_tx_sync_inode(fs, ei, datasync);
	svc_unlock(fs->cap, fs->wlock);
	return err;
}

/* Zero the partial blocks at the edges of [off, end). */
static int zero_edges(struct ext2_inode *ei, uint64_t off, uint64_t end)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t b0 = off >> fs->log_bsize, b1 = (end - 1) >> fs->log_bsize;
	size_t o0 = off & (fs->bsize - 1), o1 = ((end - 1) & (fs->bsize - 1)) + 1;
	int err;

	if (b0 == b1)
		return (o0 || o1 < fs->bsize) ? zero_partial(ei, b0, o0, o1) : 0;
	err = o0 ? zero_partial(ei, b0, o0, fs->bsize) : 0;
	if (!err && o1 < fs->bsize)
		err = zero_partial(ei, b1, 0, o1);
	return err;
}

/* fallocate's allocating modes over blocks [b0, b1): unwritten extents
 * in the holes (and over written blocks for ZERO_RANGE), a batch per
 * transaction. */
static int prealloc(struct ext2_inode *ei, uint64_t b0, uint64_t b1, bool zero)
{
	struct ext2_fs *fs = ei->fs;
	int err = 0;

	while (b0 < b1 && !err) {
		struct ext2_tx *tx;

		err = ext2_tx_begin(fs, WRITE_CREDITS, &tx);
		if (err)
			break;
		for (unsigned i = 0; i < FALLOC_BATCH && b0 < b1 && !err; i++) {
			uint32_t got;

			err = ext2_ext_prealloc(tx, ei, b0, (uint32_t)MIN(b1 - b0, 1ull << 30),
						zero, &got);
			if (!err)
				b0 += got;
		}
		{
			int werr = ext2_inode_write(tx, ei);

			err = err ? err : werr;
		}
		ext2_tx_end(tx);
	}
	return err;
}

static int ext2_fallocate(struct inode *ino, int mode, uint64_t off, uint64_t len)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	uint64_t end = off + len, b0, b1, zero_to;
	struct ext2_tx *tx;
	int err = 0;

	if (fs->sb->read_only)
		return -EROFS;
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	svc_lock(fs->cap, fs->plock);
	svc_lock(fs->cap, fs->wlock);
	if (!(mode & FALLOC_FL_PUNCH_HOLE) && !(ei->flags & INODE_FL_EXTENTS)) {
		/* preallocation needs unwritten extents: not on block maps */
		err = -EOPNOTSUPP;
		goto out_unlock;
	}
	if (!(mode & FALLOC_FL_PUNCH_HOLE) && end > max_size(ei)) {
		err = -EFBIG;
		goto out_unlock;
	}
	if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) && off < ei->size && ei->vfs) {
		/* flush_edges: the pages the range cuts hold bytes that stay */
		uint64_t last = (MIN(end, ei->size) - 1) / PAGE;

		err = ext2_pc_flush_pages(ei, off / PAGE, off / PAGE);
		if (!err && last != off / PAGE)
			err = ext2_pc_flush_pages(ei, last, last);
		if (err)
			goto out_unlock;
	}
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		/* nothing past the end of the file's last page moves, as Linux */
		uint64_t lim = (ei->size + PAGE - 1) / PAGE * PAGE;

		if (off >= ei->size)
			goto out_unlock;
		end = MIN(end, lim);
		err = zero_edges(ei, off, MIN(end, ei->size));
		b0 = (off + fs->bsize - 1) >> fs->log_bsize;
		b1 = end >> fs->log_bsize;
		if (!err)
			err = ext2_tx_begin(fs, WRITE_CREDITS, &tx);
		if (err)
			goto out_unlock;
		if (b0 < b1)
			err = ext2_punch_blocks(tx, ei, b0, b1);
		if (!err) {
			stamp(ei, true);
			err = ext2_inode_write(tx, ei);
		}
		ext2_tx_end(tx);
		goto out_unlock;
	}
	b0 = off >> fs->log_bsize;
	b1 = (end + fs->bsize - 1) >> fs->log_bsize;
	if (mode & FALLOC_FL_ZERO_RANGE) {
		err = zero_edges(ei, off, end);
		/* the partial edge blocks stay as they are, now zeroed */
		if (off & (fs->bsize - 1))
			b0++;
		if ((end & (fs->bsize - 1)) && b1 > b0)
			b1--;
	}
	if (!err && b0 < b1)
		err = prealloc(ei, b0, b1, mode & FALLOC_FL_ZERO_RANGE);
	if (err)
		goto out_unlock;
	err = ext2_tx_begin(fs, WRITE_CREDITS, &tx);
	if (err)
		goto out_unlock;
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > ei->size)
		ei->size = end;
	stamp(ei, true);
	err = ext2_inode_write(tx, ei);
	ext2_tx_end(tx);
out_unlock:
	zero_to = (mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ? MIN(end, ei->size) : 0;
	svc_unlock(fs->cap, fs->wlock);
	/* the range reads as zeros now: so do its cached pages (a dirty
	 * one written back later fills the hole with these zeros) */
	/* the range reads as zeros now: its cached pages go, dirty or not
	 * (one written back would fill the hole again), as Linux's
	 * truncate_pagecache_range; the edge pages' other bytes were
	 * written first (flush_edges) and are read again */
	if (!err && zero_to > off && ei->vfs)
		svc_pcache_punch(fs->cap, ei->vfs, off / PAGE, (zero_to - 1) / PAGE);
	svc_unlock(fs->cap, fs->plock);
	return err;
}

/* SEEK_DATA/SEEK_HOLE: walk the map from `off` by runs (a whole hole or
 * extent per step with extents, a block at a time on block maps);
 * unwritten extents are holes, as Linux reports them without cached
 * data. */
static int64_t ext2_seek_data(struct inode *ino, uint64_t off, bool hole)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	int64_t r = -ENXIO;
	uint64_t lblk;

	svc_lock(fs->cap, fs->wlock);
	if (off >= ei->size)
		goto out_unlock;
	r = hole ? (int64_t)ei->size : -ENXIO;
	for (lblk = off >> fs->log_bsize; lblk << fs->log_bsize < ei->size;) {
		uint64_t pblk, run;
		int err = ext2_bmap(ei, lblk, &pblk, &run);

		if (err) {
			r = err == -ENOMEM ? err : -EIO;
			break;
		}
		if (!pblk == hole) {
			r = (int64_t)MAX(off, lblk << fs->log_bsize);
			break;
		}
		lblk += run;
	}
	if (hole && r > (int64_t)ei->size)
		r = (int64_t)ei->size;
out_unlock:
	svc_unlock(fs->cap, fs->wlock);
	return r;
}

/* FS_IOC_FIEMAP: one pending extent is held back so that the last one
 * in the range can carry FIEMAP_EXTENT_LAST, as Linux's iomap reports.
 * Extents (unwritten ones flagged) come from the tree, clipped to the
 * range; a block map reports runs of contiguous blocks within one
 * pointer array (FIEMAP_EXTENT_MERGED, as ext4 does), up to the size. */
struct fie {
	vfs_fiemap_fn emit;
	void *ctx;
	bool have, stop;
	uint64_t lblk, pblk, n;
	uint32_t flags;
};

static void fie_push(struct ext2_fs *fs, struct fie *f, uint64_t lblk, uint64_t pblk, uint64_t n,
		     uint32_t flags)
{
	if (f->have && f->emit(f->ctx, f->lblk << fs->log_bsize, f->pblk << fs->log_bsize,
			       f->n << fs->log_bsize, f->flags))
		f->stop = true;
	f->have = true;
	f->lblk = lblk;
	f->pblk = pblk;
	f->n = n;
	f->flags = flags;
}

static int fiemap_extents(struct ext2_inode *ei, uint64_t b0, uint64_t b1, struct fie *f)
{
	while (b0 < b1 && !f->stop) {
		uint64_t s, l, p, a, z;
		bool unwritten;
		int err = ext2_ext_next(ei, b0, &s, &l, &p, &unwritten);

		if (err || l == 0 || s >= b1)
			return err;
		a = MAX(s, b0);
		z = MIN(s + l, b1);
		fie_push(ei->fs, f, a, p + (a - s), z - a, unwritten ? FIEMAP_EXTENT_UNWRITTEN : 0);
		b0 = z;
	}
	return 0;
}

static int fiemap_blocks(struct ext2_inode *ei, uint64_t b0, uint64_t b1, struct fie *f)
{
	uint64_t per = ei->fs->bsize / 4;

	b1 = MIN(b1, (ei->size + ei->fs->bsize - 1) >> ei->fs->log_bsize);
	while (b0 < b1 && !f->stop) {
		uint64_t p, q, run, n = 1, edge = b0 < 12 ? 12 : 12 + ((b0 - 12) / per + 1) * per;
		int err = ext2_bmap(ei, b0, &p, &run);

		if (err)
			return err;
		if (!p) {
			b0++;
			continue;
		}
		while (b0 + n < MIN(b1, edge)) {
			err = ext2_bmap(ei, b0 + n, &q, &run);
			if (err)
				return err;
			if (q != p + n)
				break;
			n++;
		}
		fie_push(ei->fs, f, b0, p, n, FIEMAP_EXTENT_MERGED);
		b0 += n;
	}
	return 0;
}

static int ext2_fiemap(struct inode *ino, uint64_t start, uint64_t len, vfs_fiemap_fn emit,
		       void *ctx)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	struct fie f = {.emit = emit, .ctx = ctx};
	uint64_t b0 = start >> fs->log_bsize;
	uint64_t b1 = MIN((start + len - 1) >> fs->log_bsize, LBLK_LIMIT - 1) + 1;
	int err;

	svc_lock(fs->cap, fs->wlock);
	if (ei->flags & INODE_FL_EXTENTS)
		err = fiemap_extents(ei, b0, b1, &f);
	else
		err = fiemap_blocks(ei, b0, b1, &f);
	if (!err && f.have && !f.stop)
		(void)emit(ctx, f.lblk << fs->log_bsize, f.pblk << fs->log_bsize,
			   f.n << fs->log_bsize, f.flags | FIEMAP_EXTENT_LAST);
	svc_unlock(fs->cap, fs->wlock);
	return err;
}

/* A fast symlink keeps its target in i_block (under 60 bytes) and has no
 * data block; a slow one has one. */
static ssize_t ext2_readlink(struct inode *ino, char *buf, size_t size)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	uint64_t pblk, run;
	uint8_t *blk;
	int err;

	if (ei->size == 0 || ei->size >= fs->bsize || ei->size > 4095)
		return -EUCLEAN;
	if (ei->blocks512 == (ei->file_acl ? fs->bsize / 512 : 0)) {
		if (ei->size >= I_BLOCK_SIZE)
			return -EUCLEAN;
		memcpy(buf, ei->raw + I_BLOCK, MIN(size, (size_t)ei->size));
		return (ssize_t)ei->size;
	}
	err = ext2_bmap(ei, 0, &pblk, &run);
	if (err)
		return err;
	if (!pblk)
		return -EUCLEAN;
	blk = ext2_block_alloc(fs);
	if (!blk)
		return -ENOMEM;
	err = ext2_read_block(fs, pblk, blk);
	if (!err)
		memcpy(buf, blk, MIN(size, (size_t)ei->size));
	ext2_block_free(fs, blk);
	return err ? err : (ssize_t)ei->size;
}

const struct file_ops ext2_file_ops = {
	.open = ext2_open,
	.read = ext2_read,
	.write = ext2_write,
	.truncate = ext2_truncate,
	.fsync = ext2_fsync,
	.fallocate = ext2_fallocate,
	.readpage = ext2_pc_readpage,
	.writepage = ext2_pc_writepage,
	.writepages = ext2_pc_writepages,
	.seek_data = ext2_seek_data,
	.fiemap = ext2_fiemap,
	.stat = ext2_stat,
	.setattr = ext2_setattr,
	.direct_io = true, /* direct.c */
};

const struct file_ops ext2_special_ops = {
	.stat = ext2_stat,
	.setattr = ext2_setattr,
	.special = true,
};

const struct symlink_ops ext2_symlink_ops = {
	.readlink = ext2_readlink,
	.stat = ext2_stat,
	.setattr = ext2_setattr,
};
