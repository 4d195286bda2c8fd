/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Regular files on ring 1's page cache (docs/architecture.md §17): read(2)
 * copies from cached pages, filling a missing one from the block map
 * (ext2_readpage: holes, unwritten extents and the tail past the end read
 * as zeros); a mapping's fault asks ext2_pc_readpage the same; a shared
 * mapping's dirty page comes back through ext2_pc_writepage, which writes
 * its blocks up to the end of the file, allocating holes in a transaction
 * and handing the new blocks to ext2_tx_ordered (so a commit that maps
 * them follows them to the disk: a crash never shows stale blocks).
 *
 * write(2) is write-through: it writes the blocks as before (file.c) and
 * then copies the same bytes into the pages that are cached, so read,
 * mmap and the disk agree; a page cached but not filled is filled from
 * the blocks just written.  truncate, PUNCH_HOLE and ZERO_RANGE zero or
 * drop the cached pages after they changed the blocks.
 *
 * Locking: fs->plock serialises the changes of file data (write,
 * truncate, fallocate) with their copy into the cache: taken before
 * fs->wlock, and the only lock held while waiting for a cached page being
 * filled.  A fill (readpage, here or from a fault) takes fs->wlock to read
 * the map and never fs->plock, so waiting for it under plock cannot
 * deadlock; nothing waits for a page holding fs->wlock.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"
#include "tx.h"

#define PAGE	      SVC_PAGE_SIZE
#define WB_CREDITS    64
#define READAHEAD_MAX 32 /* pages filled ahead of a sequential read */

/* Fill cached page `pg` (ours to fill) from the blocks: 0 or -errno; the
 * fill is ended either way. */
static int fill(struct ext2_inode *ei, uint64_t pgoff, struct svc_page *pg, uint8_t *bounce)
{
	struct ext2_fs *fs = ei->fs;
	int err;

	svc_lock(fs->cap, fs->wlock);
	err = ext2_readpage(ei, pgoff, bounce);
	svc_unlock(fs->cap, fs->wlock);
	if (!err)
		svc_page_write(pg, 0, bounce, PAGE);
	svc_pcache_filled(fs->cap, ei->vfs, pgoff, !err);
	return err;
}

/* Fill the pages after `pgoff` that are not cached yet, up to `last`
 * (sequential read-ahead); stops at the first one cached or on error. */
static void readahead(struct ext2_inode *ei, uint64_t pgoff, uint64_t last, uint8_t *bounce)
{
	struct ext2_fs *fs = ei->fs;

	for (uint64_t p = pgoff + 1; p <= last && p <= pgoff + READAHEAD_MAX; p++) {
		bool up;
		struct svc_page *pg = svc_pcache_get(fs->cap, ei->vfs, p, SVC_PCACHE_CREATE, &up);

		if (!pg)
			return;
		if (up) {
			svc_pcache_put(fs->cap, pg);
			return;
		}
		if (fill(ei, p, pg, bounce)) {
			svc_pcache_put(fs->cap, pg);
			return;
		}
		svc_pcache_put(fs->cap, pg);
	}
}

ssize_t ext2_pc_read(struct ext2_inode *ei, uint64_t off, struct iobuf *b)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *bounce = NULL;
	size_t done = 0;
	ssize_t err = 0;

	while (done < b->len) {
		uint64_t pos = off + done, pgoff = pos / PAGE, size;
		size_t in = pos % PAGE, n, got;
		struct svc_page *pg;
		bool up;

		svc_lock(fs->cap, fs->wlock);
		size = ei->size;
		svc_unlock(fs->cap, fs->wlock);
		if (pos >= size)
			break;
		n = (size_t)MIN((uint64_t)(PAGE - in), size - pos);
		n = MIN(n, b->len - done);
		pg = svc_pcache_get(fs->cap, ei->vfs, pgoff, SVC_PCACHE_CREATE, &up);
		if (!pg) {
			err = -ENOMEM;
			break;
		}
		if (!up) {
			if (!bounce)
				bounce = svc_alloc(fs->cap, PAGE);
			err = bounce ? fill(ei, pgoff, pg, bounce) : -ENOMEM;
			if (!bounce)
				svc_pcache_filled(fs->cap, ei->vfs, pgoff, false);
			if (err) {
				svc_pcache_put(fs->cap, pg);
				/* a bad map is an I/O error to read(2), as
				 * Linux's page cache reports it */
				if (err != -ENOMEM)
					err = -EIO;
				break;
			}
			/* a miss in a read that goes on: fill its next pages
			 * now, in one go, while the map is at hand */
			if (done + n < b->len)
				readahead(ei, pgoff, (off + b->len - 1) / PAGE, bounce);
		}
		got = svc_page_to_iobuf(pg, in, b, done, n);
		svc_pcache_put(fs->cap, pg);
		done += got;
		if (got < n) {
			if (!done)
				err = -EFAULT;
			break;
		}
	}
	svc_free(fs->cap, bounce);
	return done ? (ssize_t)done : err;
}

/* Bytes [off, off + n) of the file changed on disk to `src` (NULL:
 * zeros): copy them into the pages that are cached.  fs->plock held. */
void ext2_pc_update(struct ext2_inode *ei, uint64_t off, const uint8_t *src, uint64_t n)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *bounce = NULL;

	for (uint64_t done = 0; done < n;) {
		uint64_t pos = off + done, pgoff = pos / PAGE;
		size_t in = pos % PAGE, k = (size_t)MIN((uint64_t)(PAGE - in), n - done);
		bool up;
		struct svc_page *pg = svc_pcache_get(fs->cap, ei->vfs, pgoff, 0, &up);

		if (pg && !up) {
			/* cached but not filled (a failed fill): the blocks
			 * hold the new bytes already */
			if (!bounce)
				bounce = svc_alloc(fs->cap, PAGE);
			if (bounce)
				(void)fill(ei, pgoff, pg, bounce);
			else
				svc_pcache_filled(fs->cap, ei->vfs, pgoff, false);
		} else if (pg && src) {
			svc_page_write(pg, in, src + done, k);
		} else if (pg) {
			svc_page_zero(pg, in, k);
		}
		if (pg)
			svc_pcache_put(fs->cap, pg);
		done += k;
	}
	svc_free(fs->cap, bounce);
}

int ext2_pc_readpage(struct inode *ino, uint64_t pgoff, struct svc_page *pg)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	uint8_t *bounce = svc_alloc(fs->cap, PAGE);
	int err;

	if (!bounce)
		return -ENOMEM;
	svc_lock(fs->cap, fs->wlock);
	err = ext2_readpage(ei, pgoff, bounce);
	svc_unlock(fs->cap, fs->wlock);
	if (!err)
		svc_page_write(pg, 0, bounce, PAGE);
	svc_free(fs->cap, bounce);
	return err == -ENOMEM ? err : err ? -EIO : 0;
}

/* A dirty page (a store through a shared mapping): its blocks, whole,
 * never past the end of the file as it is now (the bytes of the last
 * block past it are zeros on disk). */
int ext2_pc_writepage(struct inode *ino, uint64_t pgoff, struct svc_page *pg, size_t len)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	uint64_t pos = pgoff * PAGE;
	struct ext2_tx *tx;
	uint8_t *bounce;
	uint32_t nblk;
	int err;

	if (fs->sb->read_only)
		return -EROFS;
	if (len == 0)
		return 0;
	bounce = svc_alloc(fs->cap, PAGE);
	if (!bounce)
		return -ENOMEM;
	svc_lock(fs->cap, fs->wlock);
	if (pos >= ei->size) {
		err = 0; /* truncated meanwhile */
		goto out_unlock;
	}
	len = (size_t)MIN((uint64_t)len, MIN((uint64_t)PAGE, ei->size - pos));
	svc_page_read(pg, 0, bounce, len);
	memset(bounce + len, 0, PAGE - len);
	err = ext2_tx_begin(fs, WB_CREDITS, &tx);
	if (err)
		goto out_unlock;
	nblk = (uint32_t)((len + fs->bsize - 1) >> fs->log_bsize);
	err = ext2_writepage(tx, ei, pgoff, bounce, 0, len, nblk);
	if (!err)
		err = ext2_inode_write(tx, ei);
	ext2_tx_end(tx);
out_unlock:
	svc_unlock(fs->cap, fs->wlock);
	svc_free(fs->cap, bounce);
	return err;
}
