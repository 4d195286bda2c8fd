/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Changing extended attributes.  An xattr block may be shared by several
 * inodes with the same attributes (h_refcount counts them): an inode
 * that lets go of it lowers the count, and the last one frees the block.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"
#include "tx.h"

#define XATTR_MAGIC    0xea020000u
#define XATTR_REFCOUNT 0x04

int ext2_xattr_drop(struct ext2_tx *tx, struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t blk = ei->file_acl;
	struct svc_buf *b;
	uint8_t *buf;
	uint32_t refs;
	int err = 0;

	if (!blk)
		return 0;
	if (blk < fs->first_data_block || blk >= fs->blocks_count)
		return -EUCLEAN;
	buf = ext2_block_alloc(fs);
	if (!buf)
		return -ENOMEM;
	b = ext2_tx_bread(tx, blk, &err);
	if (!b) {
		err = err ? err : -EIO;
		goto out;
	}
	svc_buf_read(b, 0, buf, fs->bsize);
	refs = le32_at(buf, XATTR_REFCOUNT);
	if (le32_at(buf, 0) != XATTR_MAGIC) {
		err = -EUCLEAN;
	} else if (refs > 1) {
		ext2_put_le32(buf, XATTR_REFCOUNT, refs - 1);
		ext2_xattr_block_csum_set(fs, blk, buf);
		ext2_tx_write(tx, b, 0, buf, fs->bsize);
	} else {
		err = ext2_free_blocks(tx, blk, 1, true);
	}
	svc_brelse(fs->cap, b);
	if (!err) {
		ei->file_acl = 0;
		if (ei->blocks512 >= fs->bsize / 512)
			ei->blocks512 -= fs->bsize / 512;
	}
out:
	ext2_block_free(fs, buf);
	return err;
}
