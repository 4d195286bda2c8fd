/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Transactions without a journal (tx.h): every change goes straight into
 * the buffer cache, which writes it back in place.  This is ext2's way,
 * and every mount's until the journal (journal.c) takes over on ext3 and
 * ext4.
 */
#include <klib/errno.h>
#include "ext2.h"
#include "tx.h"

struct ext2_tx {
	struct ext2_fs *fs;
};

int ext2_tx_begin(struct ext2_fs *fs, unsigned credits, struct ext2_tx **out)
{
	struct ext2_tx *tx;

	(void)credits;
	if (fs->sb->read_only)
		return -EROFS;
	tx = svc_alloc(fs->cap, sizeof(*tx));
	if (!tx)
		return -ENOMEM;
	tx->fs = fs;
	*out = tx;
	return 0;
}

struct ext2_fs *ext2_tx_fs(struct ext2_tx *tx)
{
	return tx->fs;
}

struct svc_buf *ext2_tx_bread(struct ext2_tx *tx, uint64_t blk, int *err)
{
	return svc_bread(tx->fs->cap, tx->fs->bd, blk, tx->fs->bsize, err);
}

struct svc_buf *ext2_tx_new(struct ext2_tx *tx, uint64_t blk, int *err)
{
	return svc_bget(tx->fs->cap, tx->fs->bd, blk, tx->fs->bsize, err);
}

void ext2_tx_write(struct ext2_tx *tx, struct svc_buf *b, size_t off, const void *src, size_t n)
{
	(void)tx;
	svc_buf_write(b, off, src, n);
}

void ext2_tx_forget(struct ext2_tx *tx, uint64_t blk)
{
	(void)tx;
	(void)blk;
}

void ext2_tx_ordered(struct ext2_tx *tx, uint64_t blk, uint64_t count)
{
	(void)tx;
	(void)blk;
	(void)count;
}

int ext2_tx_end(struct ext2_tx *tx)
{
	svc_free(tx->fs->cap, tx);
	return 0;
}

int ext2_tx_sync(struct ext2_fs *fs)
{
	return svc_bdev_sync(fs->cap, fs->bd);
}
