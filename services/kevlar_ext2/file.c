/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Regular files, symlinks and special nodes: read(2) through the block
 * map (holes and unwritten extents as zeros), readlink of fast symlinks
 * (the target in i_block) and slow ones (a data block), and the ops
 * tables.  Read-only this session: write, truncate and setattr are -EROFS.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"

#define CHUNK	 256  /* bytes moved per copy without a bounce buffer */
#define ZERO_RUN 4096 /* bytes of a hole moved per copy */

static const uint8_t zeros[ZERO_RUN];

/* Copy n bytes at `boff` of block `pblk` (0: zeros) to the iobuf at `at`,
 * through `bounce` (fs->bsize bytes; NULL: a small one on the stack): the
 * bytes moved, or -errno if none could be. */
static ssize_t copy_block(struct ext2_fs *fs, uint64_t pblk, size_t boff, struct iobuf *b,
			  size_t at, size_t n, uint8_t *bounce)
{
	struct svc_buf *buf = NULL;
	uint8_t small[CHUNK];
	size_t done = 0, step = bounce ? fs->bsize : CHUNK;
	int err = 0;

	if (pblk) {
		buf = svc_bread(fs->cap, fs->bd, pblk, fs->bsize, &err);
		if (!buf)
			return -EIO;
	} else {
		step = ZERO_RUN;
	}
	if (!bounce)
		bounce = small;
	while (done < n) {
		size_t k = MIN(n - done, step), got;
		const uint8_t *src = zeros;

		if (buf) {
			svc_buf_read(buf, boff + done, bounce, k);
			src = bounce;
		}
		got = iobuf_put_upto(b, at + done, src, k);
		done += got;
		if (got < k)
			break;
	}
	if (buf)
		svc_brelse(fs->cap, buf);
	return done ? (ssize_t)done : -EFAULT;
}

static ssize_t ext2_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	uint64_t next = UINT64_MAX, pblk = 0, run = 0; /* the mapping of block `next` on */
	size_t want, done = 0;
	uint8_t *bounce = NULL;
	ssize_t err = 0;

	if (off >= ei->size || b->len == 0)
		return 0;
	want = (size_t)MIN((uint64_t)b->len, ei->size - off);
	if (want > CHUNK)
		bounce = ext2_block_alloc(fs); /* NULL: the small one, more copies */
	while (done < want) {
		uint64_t pos = off + done, lblk = pos >> fs->log_bsize, span, phys;
		size_t boff = pos & (fs->bsize - 1);
		ssize_t got;

		if (lblk < next || lblk - next >= run) {
			/* map once per extent (or hole), not once per block */
			err = ext2_bmap(ei, lblk, &pblk, &run);
			if (err) {
				/* a bad map is an I/O error to read(2), as Linux's
				 * page cache reports it (not EBADMSG/EUCLEAN) */
				if (err != -ENOMEM)
					err = -EIO;
				break;
			}
			next = lblk;
		}
		phys = pblk ? pblk + (lblk - next) : 0;
		/* a hole is copied whole; a mapped block one at a time */
		span = phys ? fs->bsize - boff : ((run - (lblk - next)) << fs->log_bsize) - boff;
		span = MIN(span, (uint64_t)(want - done));
		got = copy_block(fs, phys, boff, b, done, (size_t)span, bounce);
		if (got < 0) {
			err = got;
			break;
		}
		done += (size_t)got;
		if ((uint64_t)got < span)
			break;
	}
	ext2_block_free(fs, bounce);
	return done ? (ssize_t)done : err;
}

static ssize_t ext2_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return -EROFS;
}

static int ext2_truncate(struct inode *ino, uint64_t len)
{
	return -EROFS;
}

static int ext2_setattr(struct inode *ino, const struct vfs_setattr *a)
{
	return -EROFS;
}

static int ext2_fallocate(struct inode *ino, int mode, uint64_t off, uint64_t len)
{
	return -EROFS;
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
	.read = ext2_read,
	.write = ext2_write,
	.truncate = ext2_truncate,
	.fallocate = ext2_fallocate,
	.stat = ext2_stat,
	.setattr = ext2_setattr,
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
