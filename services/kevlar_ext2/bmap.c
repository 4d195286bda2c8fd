/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Where a file's blocks are: the extent tree of ext4 files (a root of up
 * to four entries in i_block, index levels of any depth below it, leaves
 * of extents) and the indirect block map of ext2/ext3 files (twelve
 * direct pointers, then single, double and triple indirect blocks).
 * Unmapped blocks and unwritten extents read as zeros.  Every extent
 * header, index block checksum and block number is checked before use:
 * a bad one is -EUCLEAN (-EBADMSG for a checksum), never a wild read.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"

#define EXT_MAGIC	   0xf30a
#define EXT_MAX_DEPTH	   5
#define EXT_INIT_MAX_LEN   32768u
#define EXT_HDR_ENTRIES	   2
#define EXT_HDR_MAX	   4
#define EXT_HDR_DEPTH	   6
#define EXT_ENTRY_SIZE	   12
#define ADDR_PER_BLOCK(fs) ((fs)->bsize / 4)
#define LBLK_LIMIT	   (1ull << 32) /* logical block numbers are 32-bit */

static bool pblk_ok(const struct ext2_fs *fs, uint64_t pblk, uint64_t len)
{
	return pblk >= fs->first_data_block && pblk < fs->blocks_count &&
	       len <= fs->blocks_count - pblk;
}

/* Check the header of a node holding at most `room` entries. */
int ext2_ext_check(const struct ext2_inode *ei, const uint8_t *h, unsigned room, unsigned depth)
{
	unsigned entries = le16_at(h, EXT_HDR_ENTRIES), max = le16_at(h, EXT_HDR_MAX);

	if (le16_at(h, 0) != EXT_MAGIC || max == 0 || max > room || entries > max ||
	    le16_at(h, EXT_HDR_DEPTH) != depth || depth > EXT_MAX_DEPTH) {
		svc_log("EXT4-fs error (device %s): inode #%u: bad extent header",
			ei->fs->sb->source, ei->ino);
		return -EUCLEAN;
	}
	return 0;
}

int ext2_ext_read_node(struct ext2_inode *ei, uint64_t blk, uint8_t *buf, unsigned depth)
{
	struct ext2_fs *fs = ei->fs;
	struct svc_buf *b;
	int err = 0;

	if (!pblk_ok(fs, blk, 1))
		return -EUCLEAN;
	b = svc_bread(fs->cap, fs->bd, blk, fs->bsize, &err);
	if (!b)
		return err == -EINVAL ? -EUCLEAN : -EIO;
	svc_buf_read(b, 0, buf, fs->bsize);
	err = ext2_ext_check(ei, buf, (fs->bsize - 12) / EXT_ENTRY_SIZE, depth);
	if (!err && !svc_buf_verified(b)) {
		if (!ext2_extent_csum_ok(ei, buf, le16_at(buf, EXT_HDR_MAX))) {
			svc_log("EXT4-fs error (device %s): inode #%u: extent tree block %llu: "
				"checksum invalid",
				fs->sb->source, ei->ino, (unsigned long long)blk);
			err = -EBADMSG;
		} else {
			svc_buf_set_verified(b);
		}
	}
	svc_brelse(fs->cap, b);
	return err;
}

/* The map of `lblk` in an extent tree node `node` of `depth`. */
static int extent_map(struct ext2_inode *ei, uint64_t lblk, uint64_t *pblk, uint64_t *run)
{
	struct ext2_fs *fs = ei->fs;
	const uint8_t *node = ei->raw + I_BLOCK;
	unsigned depth = le16_at(node, EXT_HDR_DEPTH);
	uint8_t *buf = NULL;
	uint64_t next = LBLK_LIMIT; /* where the next extent starts: bounds a hole */
	int err = ext2_ext_check(ei, node, (I_BLOCK_SIZE - 12) / EXT_ENTRY_SIZE, depth);

	while (!err) {
		unsigned n = le16_at(node, EXT_HDR_ENTRIES), i = 0, hi = n;
		const uint8_t *e;

		while (i < hi) { /* keys ascend: the first entry after lblk */
			unsigned mid = i + (hi - i) / 2;

			if (le32_at(node, 12 + (size_t)mid * EXT_ENTRY_SIZE) <= lblk)
				i = mid + 1;
			else
				hi = mid;
		}
		if (i < n)
			next = MIN(next, le32_at(node, 12 + (size_t)i * EXT_ENTRY_SIZE));
		if (depth == 0) {
			uint32_t start, len;
			uint64_t phys;

			*pblk = 0;
			*run = next - lblk;
			if (i == 0)
				break;
			e = node + 12 + (size_t)(i - 1) * EXT_ENTRY_SIZE;
			start = le32_at(e, 0);
			len = le16_at(e, 4);
			phys = le32_at(e, 8) | (uint64_t)le16_at(e, 6) << 32;
			bool unwritten = len > EXT_INIT_MAX_LEN;

			if (unwritten)
				len -= EXT_INIT_MAX_LEN;
			if (lblk >= (uint64_t)start + len)
				break; /* a hole after this extent */
			if (!pblk_ok(fs, phys, len)) {
				err = -EUCLEAN;
				break;
			}
			*run = (uint64_t)start + len - lblk;
			*pblk = unwritten ? 0 : phys + (lblk - start);
			break;
		}
		if (i == 0) {
			/* before the first index entry: a hole up to it */
			*pblk = 0;
			*run = next - lblk;
			break;
		}
		e = node + 12 + (size_t)(i - 1) * EXT_ENTRY_SIZE;
		uint64_t child = le32_at(e, 4) | (uint64_t)le16_at(e, 8) << 32;

		if (!pblk_ok(fs, child, 1)) {
			err = -EUCLEAN;
			break;
		}
		if (!buf) {
			buf = ext2_block_alloc(fs);
			if (!buf) {
				err = -ENOMEM;
				break;
			}
		}
		node = buf;
		depth--;
		err = ext2_ext_read_node(ei, child, buf, depth);
	}
	ext2_block_free(fs, buf);
	return err;
}

/* Pointer `idx` of indirect block `blk`. */
static int indirect_at(struct ext2_fs *fs, uint8_t *buf, uint32_t blk, uint64_t idx, uint32_t *out)
{
	int err;

	if (!pblk_ok(fs, blk, 1))
		return -EUCLEAN;
	err = ext2_read_block(fs, blk, buf);
	if (!err)
		*out = le32_at(buf, idx * 4);
	return err;
}

static int indirect_map(struct ext2_inode *ei, uint64_t lblk, uint64_t *pblk, uint64_t *run)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t per = ADDR_PER_BLOCK(fs), span = 1;
	unsigned level;
	uint32_t blk;
	uint8_t *buf;
	int err = 0;

	*run = 1;
	if (lblk < 12) {
		blk = le32_at(ei->raw, I_BLOCK + lblk * 4);
		goto done;
	}
	lblk -= 12;
	for (level = 1; level <= 3; level++) {
		span *= per;
		if (lblk < span)
			break;
		lblk -= span;
	}
	if (level > 3) {
		*pblk = 0;
		return 0;
	}
	buf = ext2_block_alloc(fs);
	if (!buf)
		return -ENOMEM;
	blk = le32_at(ei->raw, I_BLOCK + (11 + level) * 4);
	while (blk && level-- > 0 && !err) {
		span /= per;
		err = indirect_at(fs, buf, blk, lblk / span, &blk);
		lblk %= span;
	}
	ext2_block_free(fs, buf);
	if (err)
		return err;
done:
	if (blk && !pblk_ok(fs, blk, 1))
		return -EUCLEAN;
	*pblk = blk;
	return 0;
}

int ext2_bmap(struct ext2_inode *ei, uint64_t lblk, uint64_t *pblk, uint64_t *run)
{
	if (lblk >= LBLK_LIMIT) {
		*pblk = 0;
		*run = 1;
		return 0;
	}
	if (ei->flags & INODE_FL_EXTENTS)
		return extent_map(ei, lblk, pblk, run);
	return indirect_map(ei, lblk, pblk, run);
}

/* ---- the write side: which map the file has decides ---- */

int ext2_bmap_alloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		    bool zero, uint64_t *pblk, uint32_t *got)
{
	uint8_t root[I_BLOCK_SIZE];
	uint64_t blocks = ei->blocks512;
	int err;

	if (lblk >= LBLK_LIMIT)
		return -EFBIG;
	want = (uint32_t)MIN((uint64_t)MAX(want, 1u), LBLK_LIMIT - lblk);
	memcpy(root, ei->raw + I_BLOCK, I_BLOCK_SIZE);
	if (ei->flags & INODE_FL_EXTENTS)
		err = ext2_ext_map_alloc(tx, ei, lblk, want, zero, pblk, got);
	else
		err = ext2_ind_map_alloc(tx, ei, lblk, want, zero, pblk, got);
	/* the map's root and i_blocks are in the inode: write it if they
	 * changed, even on an error after a partial change */
	if (blocks != ei->blocks512 || memcmp(root, ei->raw + I_BLOCK, I_BLOCK_SIZE)) {
		int werr = ext2_inode_write(tx, ei);

		if (!err)
			err = werr;
	}
	return err;
}

/* Whether i_block is a block map: a device keeps its number there and a
 * fast symlink its target (no data block: i_blocks counts at most its
 * xattr block), as Linux's ext4_can_truncate decides. */
static bool has_block_map(const struct ext2_inode *ei)
{
	if (S_ISREG(ei->mode) || S_ISDIR(ei->mode))
		return true;
	return S_ISLNK(ei->mode) && ei->blocks512 != (ei->file_acl ? ei->fs->bsize / 512 : 0);
}

int ext2_punch_blocks(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t start, uint64_t end)
{
	int err, werr;

	if (start >= end || !has_block_map(ei))
		return 0;
	if (ei->flags & INODE_FL_EXTENTS)
		err = ext2_ext_remove(tx, ei, start, end);
	else
		err = ext2_ind_remove(tx, ei, start, end);
	werr = ext2_inode_write(tx, ei);
	return err ? err : werr;
}

int ext2_truncate_blocks(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t from)
{
	return ext2_punch_blocks(tx, ei, from, UINT64_MAX);
}
