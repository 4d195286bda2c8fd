/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Changing the block map of an ext2/ext3 file (reading it is bmap.c's):
 * twelve direct pointers in i_block, then a single, a double and a triple
 * indirect block.  Mapping a hole allocates the indirect blocks on the way
 * (zeroed, through the transaction: they are metadata) and then as many
 * data blocks as the same pointer array has holes in a row, contiguous
 * after the block before them.  Freeing a range walks only the subtrees
 * it overlaps, frees data blocks in contiguous runs, and frees every
 * indirect block it leaves without pointers.  fs->wlock held.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"
#include "tx.h"

#define NDIR 12

static uint64_t per_block(const struct ext2_fs *fs)
{
	return fs->bsize / 4;
}

static bool blk_ok(const struct ext2_fs *fs, uint64_t b)
{
	return b >= fs->first_data_block && b < fs->blocks_count;
}

/* Where logical block `lblk` lies: the tree (0 direct, 1..3 indirect) and
 * its index at each level below the root pointer, or -EFBIG. */
static int locate(const struct ext2_fs *fs, uint64_t lblk, unsigned *level, uint64_t idx[3])
{
	uint64_t per = per_block(fs), span = 1;

	if (lblk < NDIR) {
		*level = 0;
		idx[0] = lblk;
		return 0;
	}
	lblk -= NDIR;
	for (unsigned l = 1; l <= 3; l++) {
		span *= per;
		if (lblk < span) {
			*level = l;
			for (unsigned k = 0; k < l; k++) {
				span /= per;
				idx[k] = lblk / span;
				lblk %= span;
			}
			return 0;
		}
		lblk -= span;
	}
	return -EFBIG;
}

/* A new indirect block, zeroed through the transaction. */
static int new_indirect(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t goal, uint64_t *blk)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *z;
	struct svc_buf *b;
	uint32_t got;
	int err = ext2_new_blocks(tx, ei, goal, 1, blk, &got);

	if (err)
		return err;
	ei->blocks512 += fs->bsize / 512;
	z = ext2_block_alloc(fs);
	if (!z)
		return -ENOMEM;
	b = ext2_tx_new(tx, *blk, &err);
	if (b) {
		ext2_tx_write(tx, b, 0, z, fs->bsize);
		svc_brelse(fs->cap, b);
	}
	ext2_block_free(fs, z);
	return b ? 0 : -EIO;
}

int ext2_ind_map_alloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		       bool zero, uint64_t *pblk, uint32_t *got)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t idx[3], parent = 0, first, goal = 0;
	uint8_t *arr; /* the pointer array that holds lblk's pointer */
	size_t slots, at;
	unsigned level;
	struct svc_buf *b = NULL;
	uint32_t n;
	int err = locate(fs, lblk, &level, idx);

	if (err)
		return err;
	arr = ei->raw + I_BLOCK;
	at = level ? NDIR - 1 + level : idx[0];
	slots = NDIR + 3;
	/* walk down, allocating the indirect blocks that are missing */
	for (unsigned l = 0; l < level; l++) {
		uint64_t child = le32_at(arr, at * 4);
		uint8_t v[4];

		if (!child) {
			err = new_indirect(tx, ei, parent ? parent + 1 : 0, &child);
			if (err)
				goto out;
			put_le32(v, 0, (uint32_t)child);
			if (b)
				ext2_tx_write(tx, b, at * 4, v, 4);
			else
				memcpy(arr + at * 4, v, 4);
		} else if (!blk_ok(fs, child)) {
			err = -EUCLEAN;
			goto out;
		}
		if (b)
			svc_brelse(fs->cap, b);
		b = ext2_tx_bread(tx, child, &err);
		if (!b) {
			err = -EIO;
			goto out;
		}
		if (!arr || arr == ei->raw + I_BLOCK)
			arr = ext2_block_alloc(fs);
		if (!arr) {
			err = -ENOMEM;
			goto out;
		}
		svc_buf_read(b, 0, arr, fs->bsize);
		parent = child;
		at = idx[l];
		slots = per_block(fs);
	}
	if (le32_at(arr, at * 4)) {
		*pblk = le32_at(arr, at * 4);
		*got = 1;
		err = blk_ok(fs, *pblk) ? 0 : -EUCLEAN;
		goto out;
	}
	if (level == 0)
		slots = NDIR;
	n = 0;
	while (n < want && at + n < slots && !le32_at(arr, (at + n) * 4))
		n++;
	if (at > 0 && le32_at(arr, (at - 1) * 4))
		goal = le32_at(arr, (at - 1) * 4) + 1;
	else if (parent)
		goal = parent + 1;
	err = ext2_new_blocks(tx, ei, goal, n, &first, &n);
	if (err)
		goto out;
	ei->blocks512 += (uint64_t)n << (fs->log_bsize - 9);
	for (uint32_t i = 0; i < n; i++)
		put_le32(arr, (at + i) * 4, (uint32_t)(first + i));
	if (b)
		ext2_tx_write(tx, b, at * 4, arr + at * 4, (size_t)n * 4);
	if (zero) {
		uint8_t *z = ext2_block_alloc(fs);

		for (uint32_t i = 0; z && i < n && !err; i++) {
			struct svc_buf *zb = ext2_tx_new(tx, first + i, &err);

			if (!zb) {
				err = -EIO;
				break;
			}
			ext2_tx_write(tx, zb, 0, z, fs->bsize);
			svc_brelse(fs->cap, zb);
		}
		if (!z)
			err = -ENOMEM;
		ext2_block_free(fs, z);
	}
	*pblk = first;
	*got = n;
out:
	if (b)
		svc_brelse(fs->cap, b);
	if (arr != ei->raw + I_BLOCK)
		ext2_block_free(fs, arr);
	return err;
}

/* Free data blocks in runs: `run` holds the pending one. */
struct run {
	uint64_t first;
	uint32_t n;
};

static int run_flush(struct ext2_tx *tx, struct ext2_inode *ei, struct run *r)
{
	int err = 0;

	if (r->n) {
		err = ext2_free_blocks(tx, r->first, r->n, false);
		ei->blocks512 -= (uint64_t)r->n << (ei->fs->log_bsize - 9);
	}
	r->n = 0;
	return err;
}

static int run_add(struct ext2_tx *tx, struct ext2_inode *ei, struct run *r, uint64_t blk)
{
	int err = 0;

	if (r->n && r->first + r->n == blk && r->n < UINT32_MAX) {
		r->n++;
		return 0;
	}
	err = run_flush(tx, ei, r);
	r->first = blk;
	r->n = 1;
	return err;
}

/* Free what [start, end) covers under indirect block `blk` of `level`
 * (1: it holds data pointers) whose first entry maps `base`: 0 and in
 * *empty whether no pointer is left in it. */
static int free_sub(struct ext2_tx *tx, struct ext2_inode *ei, struct run *r, uint64_t blk,
		    unsigned level, uint64_t base, uint64_t start, uint64_t end, bool *empty)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t per = per_block(fs), span = 1;
	uint8_t *a = ext2_block_alloc(fs);
	bool changed = false;
	int err;

	if (!a)
		return -ENOMEM;
	for (unsigned l = 1; l < level; l++)
		span *= per;
	err = ext2_read_block(fs, blk, a);
	for (uint64_t i = 0; i < per && !err; i++) {
		uint64_t cb = base + i * span, p = le32_at(a, i * 4);
		bool sub_empty = true;

		if (cb + span <= start || cb >= end || !p)
			continue;
		if (!blk_ok(fs, p)) {
			err = -EUCLEAN;
			break;
		}
		if (level > 1) {
			err = free_sub(tx, ei, r, p, level - 1, cb, start, end, &sub_empty);
			if (!err && sub_empty) {
				err = ext2_free_blocks(tx, p, 1, true);
				ei->blocks512 -= fs->bsize / 512;
			}
		} else {
			err = run_add(tx, ei, r, p);
		}
		if (!err && sub_empty) {
			put_le32(a, i * 4, 0);
			changed = true;
		}
	}
	*empty = true;
	for (uint64_t i = 0; i < per && *empty; i++)
		*empty = !le32_at(a, i * 4);
	if (!err && changed && !*empty) {
		struct svc_buf *b = ext2_tx_bread(tx, blk, &err);

		if (b) {
			ext2_tx_write(tx, b, 0, a, fs->bsize);
			svc_brelse(fs->cap, b);
		} else {
			err = -EIO;
		}
	}
	ext2_block_free(fs, a);
	return err;
}

int ext2_ind_remove(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t start, uint64_t end)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t base = NDIR, span = 1, per = per_block(fs);
	struct run r = {0};
	int err = 0;

	for (uint64_t i = start; i < NDIR && i < end && !err; i++) {
		uint64_t p = le32_at(ei->raw, I_BLOCK + i * 4);

		if (!p)
			continue;
		if (!blk_ok(fs, p))
			return -EUCLEAN;
		err = run_add(tx, ei, &r, p);
		put_le32(ei->raw, I_BLOCK + i * 4, 0);
	}
	for (unsigned l = 1; l <= 3 && !err; l++) {
		uint64_t p = le32_at(ei->raw, I_BLOCK + (NDIR - 1 + l) * 4);
		bool empty = false;

		span *= per;
		if (p && base + span > start && base < end) {
			if (!blk_ok(fs, p))
				return -EUCLEAN;
			err = free_sub(tx, ei, &r, p, l, base, start, end, &empty);
			if (!err)
				err = run_flush(tx, ei, &r);
			if (!err && empty) {
				err = ext2_free_blocks(tx, p, 1, true);
				ei->blocks512 -= fs->bsize / 512;
				put_le32(ei->raw, I_BLOCK + (NDIR - 1 + l) * 4, 0);
			}
		}
		base += span;
	}
	if (!err)
		err = run_flush(tx, ei, &r);
	return err;
}
