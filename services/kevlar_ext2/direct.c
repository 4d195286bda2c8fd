/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * O_DIRECT reads and writes of regular files, with Linux's rules for ext4
 * (its iomap direct I/O): the position, the count and the buffer's address
 * are multiples of the device's logical block size (not the filesystem's
 * block size), else EINVAL; a read at or past the end of the file reads
 * nothing before anything is checked, and one running past it is short.
 * The kernel has written the range's dirty cached pages back before the
 * call (dispatch.c), as Linux does before direct I/O.
 *
 * The bytes move between the caller's memory and the disk through the
 * service's own page frames (a copy: ring 2 never sees a user page).
 * Whole pages of a 4 KiB-block filesystem go straight between those
 * frames and the disk, a run of blocks contiguous on it per request
 * (svc_bdev_read_pages/write_pages, coherent with the buffer cache, where
 * buffered writes leave data blocks today).  The rest (a piece of a page,
 * smaller blocks) goes through the buffer cache as write(2) does, each
 * block written back at once.  Either way a direct write is on the disk
 * when it returns.  Blocks it maps are allocated, and unwritten extents
 * it covers converted, in the write's transaction, which stays open
 * (under fs->wlock) until the data is on the disk, so no commit can map
 * blocks that do not hold it yet (ordered mode); the buffer-cache path
 * hands new blocks to ext2_tx_ordered as write(2) does.  The cached pages
 * of the range take the new bytes (where Linux drops them: either way no
 * stale page is left).  O_DSYNC/O_SYNC commit the journal as write(2).
 *
 * Locking as file.c: fs->plock then fs->wlock around each step, never
 * across a copy from or to user memory.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include "ext2.h"
#include "tx.h"

#define PAGE	       SVC_PAGE_SIZE
#define DIRECT_CHUNK   (16 * PAGE) /* bytes per locked step */
#define DIRECT_CREDITS 64
#define DIRECT_PAGES   (DIRECT_CHUNK / PAGE)

/* The service's frames a call moves whole pages through (not cached). */
struct frames {
	struct svc_page *pg[DIRECT_PAGES];
};

static int frames_get(struct ext2_fs *fs, struct frames *f)
{
	for (unsigned i = 0; i < DIRECT_PAGES; i++) {
		f->pg[i] = svc_page_alloc(fs->cap, 0);
		if (!f->pg[i])
			return -ENOMEM;
	}
	return 0;
}

static void frames_put(struct ext2_fs *fs, struct frames *f)
{
	for (unsigned i = 0; i < DIRECT_PAGES; i++)
		if (f->pg[i])
			svc_page_put(fs->cap, f->pg[i]);
}

/* Can whole pages from `pos` go straight to and from the disk? */
static bool whole_pages(const struct ext2_fs *fs, uint64_t pos, size_t left)
{
	return fs->bsize == PAGE && pos % PAGE == 0 && left >= PAGE;
}

/* Up to `np` whole pages of the file from `pos` (fs->wlock held): the
 * first run of them mapped alike, read into f (a hole or an unwritten
 * extent: zeros).  How many pages, or -errno. */
static int read_run(struct ext2_inode *ei, uint64_t pos, unsigned np, struct frames *f)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t pblk, run;
	unsigned k;
	int err = ext2_bmap(ei, pos >> fs->log_bsize, &pblk, &run);

	if (err)
		return err;
	k = (unsigned)MIN((uint64_t)np, run);
	if (!pblk) {
		for (unsigned i = 0; i < k; i++)
			svc_page_zero(f->pg[i], 0, PAGE);
		return (int)k;
	}
	err = svc_bdev_read_pages(fs->cap, fs->bd, pblk << fs->log_bsize, f->pg, k);
	return err ? err : (int)k;
}

static bool misaligned(const struct ext2_fs *fs, uint64_t off, size_t len, const struct iobuf *b)
{
	unsigned lbs = svc_bdev_lbsize(fs->bd);

	return ((off | len) & (lbs - 1)) || !iobuf_aligned(b, lbs);
}

ssize_t ext2_direct_read(struct ext2_inode *ei, uint64_t off, struct iobuf *b)
{
	struct ext2_fs *fs = ei->fs;
	struct frames f = {{NULL}};
	size_t done = 0, len;
	uint8_t *page;
	ssize_t err = 0;
	uint64_t size;

	svc_lock(fs->cap, fs->wlock);
	size = ei->size;
	svc_unlock(fs->cap, fs->wlock);
	if (off >= size || b->len == 0)
		return 0;
	if (misaligned(fs, off, b->len, b))
		return -EINVAL;
	len = (size_t)MIN((uint64_t)b->len, size - off);
	page = svc_alloc(fs->cap, PAGE);
	if (!page)
		return -ENOMEM;
	if (fs->bsize == PAGE && !f.pg[0] && (err = frames_get(fs, &f)) != 0)
		goto out;
	while (done < len) {
		uint64_t pos = off + done;
		size_t in = pos % PAGE, n = MIN(PAGE - in, len - done), got;

		if (whole_pages(fs, pos, len - done)) {
			int k;

			svc_lock(fs->cap, fs->wlock);
			k = read_run(ei, pos,
				     (unsigned)MIN((size_t)DIRECT_PAGES, (len - done) / PAGE), &f);
			svc_unlock(fs->cap, fs->wlock);
			if (k < 0) {
				err = k == -ENOMEM ? k : -EIO;
				break;
			}
			got = 0;
			for (int i = 0; i < k && got == (size_t)i * PAGE; i++)
				got += svc_page_to_iobuf(f.pg[i], 0, b, done + got, PAGE);
			done += got;
			if (got < (size_t)k * PAGE) {
				err = -EFAULT;
				break;
			}
			continue;
		}
		svc_lock(fs->cap, fs->wlock);
		err = ext2_readpage(ei, pos / PAGE, page);
		svc_unlock(fs->cap, fs->wlock);
		if (err) {
			err = err == -ENOMEM ? err : -EIO;
			break;
		}
		got = iobuf_put_upto(b, done, page + in, n);
		done += got;
		if (got < n) {
			err = -EFAULT;
			break;
		}
	}
out:
	frames_put(fs, &f);
	svc_free(fs->cap, page);
	return done ? (ssize_t)done : err;
}

/* Write back the blocks behind bytes [off, off + n) of the file now:
 * the ones just written through the buffer cache.  fs->wlock held. */
static int sync_blocks(struct ext2_inode *ei, uint64_t off, size_t n)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t lblk = off >> fs->log_bsize, end = (off + n + fs->bsize - 1) >> fs->log_bsize;
	int err = 0;

	for (; lblk < end && !err; lblk++) {
		uint64_t pblk, run;
		struct svc_buf *bh;

		err = ext2_bmap(ei, lblk, &pblk, &run);
		if (err || !pblk)
			continue;
		bh = svc_bread(fs->cap, fs->bd, pblk, fs->bsize, &err);
		if (!bh)
			break;
		err = svc_buf_sync(fs->cap, bh);
		svc_brelse(fs->cap, bh);
	}
	return err;
}

/* Up to `np` whole pages of `src` at `pos` (fs->wlock held, in `tx`):
 * their blocks allocated (or unwritten ones converted) as one run if the
 * allocator gives it, then written straight from f.  How many pages, or
 * -errno. */
static int write_run(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t pos, const uint8_t *src,
		     unsigned np, struct frames *f)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t pblk;
	uint32_t got;
	int err = ext2_bmap_alloc(tx, ei, pos >> fs->log_bsize, np, false, &pblk, &got);

	if (err)
		return err;
	got = MIN(got, (uint32_t)np);
	for (uint32_t i = 0; i < got; i++)
		svc_page_write(f->pg[i], 0, src + (size_t)i * PAGE, PAGE);
	err = svc_bdev_write_pages(fs->cap, fs->bd, pblk << fs->log_bsize, f->pg, got);
	return err ? err : (int)got;
}

/* One step: `n` bytes of `src` at `off` (fs->wlock held): whole pages
 * straight to the disk, the rest page by page as write(2) does.  The
 * bytes written, or -errno if none were. */
static ssize_t write_step(struct ext2_inode *ei, uint64_t off, const uint8_t *src, size_t n,
			  uint8_t *page, struct frames *f)
{
	struct ext2_fs *fs = ei->fs;
	struct ext2_tx *tx;
	size_t done = 0;
	int err = ext2_tx_begin(fs, DIRECT_CREDITS, &tx);

	if (err)
		return err;
	while (done < n) {
		uint64_t pos = off + done, pgoff = pos / PAGE;
		size_t in = pos % PAGE, k = MIN(PAGE - in, n - done);
		uint32_t nblk;

		if (f->pg[0] && whole_pages(fs, pos, n - done)) {
			int w = write_run(tx, ei, pos, src + done,
					  (unsigned)MIN((size_t)DIRECT_PAGES, (n - done) / PAGE),
					  f);

			if (w <= 0) {
				err = w ? w : -EIO;
				break;
			}
			done += (size_t)w * PAGE;
			if (pos + (size_t)w * PAGE > ei->size)
				ei->size = pos + (size_t)w * PAGE;
			continue;
		}
		nblk = (uint32_t)(((in + k - 1) >> fs->log_bsize) - (in >> fs->log_bsize) + 1);

		/* the rest of a block the write covers in part is the file's */
		if (in || k < PAGE)
			err = ext2_readpage(ei, pgoff, page);
		if (err)
			break;
		memcpy(page + in, src + done, k);
		err = ext2_writepage(tx, ei, pgoff, page, in, in + k, nblk);
		if (!err)
			err = sync_blocks(ei, pos, k);
		if (err)
			break;
		done += k;
		if (pos + k > ei->size)
			ei->size = pos + k;
	}
	if (done) {
		struct vfs_time now = svc_now();

		ei->mtime = ei->ctime = now;
		err = ext2_inode_write(tx, ei);
	}
	ext2_tx_end(tx);
	return done ? (ssize_t)done : err;
}

/* Bytes [off, off + n) went to the disk as `src`: the cached pages of the
 * range take them, so read, mmap and the disk agree (Linux drops the
 * pages instead; either way none is stale).  A page cached but not
 * filled is ours to fill, from the blocks that hold the bytes now.
 * fs->plock held, fs->wlock not (a fill takes it). */
static void update_cached(struct ext2_inode *ei, uint64_t off, const uint8_t *src, uint64_t n)
{
	struct ext2_fs *fs = ei->fs;

	for (uint64_t done = 0; done < n;) {
		uint64_t pos = off + done, pgoff = pos / SVC_PAGE_SIZE;
		size_t in = pos % SVC_PAGE_SIZE;
		size_t k = (size_t)MIN((uint64_t)(SVC_PAGE_SIZE - in), n - done);
		bool up;
		struct svc_page *pg = svc_pcache_get(fs->cap, ei->vfs, pgoff, 0, &up);

		if (pg && !up)
			svc_pcache_filled(fs->cap, ei->vfs, pgoff,
					  ext2_pc_readpage(ei->vfs, pgoff, pg) == 0);
		else if (pg)
			svc_page_write(pg, in, src + done, k);
		if (pg)
			svc_pcache_put(fs->cap, pg);
		done += k;
	}
}

ssize_t ext2_direct_write(struct ext2_inode *ei, uint64_t off, struct iobuf *b, unsigned flags,
			  uint64_t limit)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *buf = NULL, *page = NULL;
	struct frames f = {{NULL}};
	size_t done = 0;
	ssize_t err = 0;

	if (b->len == 0)
		return 0;
	buf = svc_alloc(fs->cap, DIRECT_CHUNK);
	page = svc_alloc(fs->cap, PAGE);
	if (!buf || !page || (fs->bsize == PAGE && frames_get(fs, &f))) {
		err = -ENOMEM;
		goto out;
	}
	while (done < b->len) {
		size_t n = MIN((size_t)DIRECT_CHUNK, b->len - done), got;
		uint64_t at;
		ssize_t w;

		svc_lock(fs->cap, fs->plock);
		svc_lock(fs->cap, fs->wlock);
		at = (flags & O_APPEND) ? ei->size : off + done;
		if (at >= limit)
			err = -EFBIG;
		else if (!done && misaligned(fs, at, b->len, b))
			err = -EINVAL;
		if (err) {
			svc_unlock(fs->cap, fs->wlock);
			svc_unlock(fs->cap, fs->plock);
			break;
		}
		svc_unlock(fs->cap, fs->wlock);
		/* the user's bytes come in with no lock of ours held (the
		 * buffer may be a mapping of this very file) */
		got = iobuf_get_upto(b, done, buf, n);
		if (got < n && got % svc_bdev_lbsize(fs->bd))
			got -= got % svc_bdev_lbsize(fs->bd);
		if (got == 0) {
			svc_unlock(fs->cap, fs->plock);
			err = -EFAULT;
			break;
		}
		svc_lock(fs->cap, fs->wlock);
		if (flags & O_APPEND)
			at = ei->size;
		got = (size_t)MIN((uint64_t)got, limit - at);
		w = write_step(ei, at, buf, got, page, &f);
		svc_unlock(fs->cap, fs->wlock);
		if (w > 0)
			update_cached(ei, at, buf, (uint64_t)w);
		svc_unlock(fs->cap, fs->plock);
		if (w < 0) {
			err = w;
			break;
		}
		done += (size_t)w;
		if ((size_t)w < n)
			break;
	}
	if (done && (flags & O_DSYNC)) {
		svc_lock(fs->cap, fs->wlock);
		err = ext2_tx_sync(fs);
		svc_unlock(fs->cap, fs->wlock);
		if (err)
			done = 0;
	}
out:
	frames_put(fs, &f);
	svc_free(fs->cap, buf);
	svc_free(fs->cap, page);
	return done ? (ssize_t)done : err;
}
