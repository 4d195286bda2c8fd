/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Transactions (tx.h): on a mount with a journal (ext3, ext4) every call
 * goes to the journal (journal.c); without one (ext2, or a journal not
 * loaded) every change goes straight into the buffer cache, which writes
 * it back in place.
 */
#include <klib/errno.h>
#include "journal.h"
#include "tx.h"

int ext2_tx_begin(struct ext2_fs *fs, unsigned credits, struct ext2_tx **out)
{
	struct ext2_tx *tx;

	if (fs->sb->read_only)
		return -EROFS;
	if (fs->journal)
		return ext2_journal_begin(fs->journal, credits, out);
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
	if (tx->j)
		return ext2_journal_bread(tx, blk, false, err);
	return svc_bread(tx->fs->cap, tx->fs->bd, blk, tx->fs->bsize, err);
}

struct svc_buf *ext2_tx_new(struct ext2_tx *tx, uint64_t blk, int *err)
{
	if (tx->j)
		return ext2_journal_bread(tx, blk, true, err);
	return svc_bget(tx->fs->cap, tx->fs->bd, blk, tx->fs->bsize, err);
}

void ext2_tx_write(struct ext2_tx *tx, struct svc_buf *b, size_t off, const void *src, size_t n)
{
	if (tx->j)
		ext2_journal_write(tx, b, off, src, n);
	else
		svc_buf_write(b, off, src, n);
}

bool ext2_tx_super_pending(struct ext2_tx *tx)
{
	return tx->j && ext2_journal_super_pending(tx->j);
}

void ext2_tx_forget(struct ext2_tx *tx, uint64_t blk)
{
	if (tx->j)
		ext2_journal_forget(tx, blk);
}

void ext2_tx_ordered(struct ext2_tx *tx, uint64_t blk, uint64_t count)
{
	if (tx->j)
		ext2_journal_ordered(tx, blk, count);
}

void ext2_tx_write_inode(struct ext2_tx *tx, struct ext2_inode *ei, struct svc_buf *b, size_t off,
			 bool changed, bool data)
{
	if (tx->j)
		ext2_journal_write_inode(tx, ei, b, off, changed, data);
	else if (changed)
		svc_buf_write(b, off, ei->raw, tx->fs->inode_size);
}

uint32_t ext2_tx_running(const struct ext2_fs *fs)
{
	/* unlocked: any value read is safe (an older one has committed, so
	 * what it covers is on the disk) */
	return fs->journal ? __atomic_load_n(&fs->journal->tid, __ATOMIC_RELAXED) : 0;
}

int ext2_tx_ordered_pages(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lo, uint64_t hi)
{
	if (!tx->j)
		return 0; /* ext2: no ordering promised, as Linux's */
	tx->j->ordered = true;
	tx->j->op_meta = true;
	return ext2_pc_order(ei, lo, hi);
}

int ext2_tx_end(struct ext2_tx *tx)
{
	if (tx->j)
		return ext2_journal_end(tx);
	svc_free(tx->fs->cap, tx);
	return 0;
}

int ext2_tx_sync_inode(struct ext2_fs *fs, const struct ext2_inode *ei, bool datasync)
{
	if (fs->journal && fs->journal->live)
		return ext2_journal_sync_tid(fs->journal,
					     datasync ? ei->datasync_tid : ei->sync_tid);
	return svc_bdev_sync(fs->cap, fs->bd) ? -EIO : 0;
}

int ext2_tx_sync(struct ext2_fs *fs)
{
	if (fs->journal && fs->journal->live)
		return ext2_journal_sync(fs->journal);
	return svc_bdev_sync(fs->cap, fs->bd) ? -EIO : 0;
}
