/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * metadata_csum: the crc32c checksums ext4 keeps in its superblock, group
 * descriptors, inodes, extent blocks, directory blocks (a tail entry, or
 * a dx_tail in index blocks) and xattr blocks.  Each is the raw crc32c
 * (svc_crc32c: the CPU's instruction where it has one) of the structure
 * with its checksum field taken as zero, seeded with the filesystem's
 * seed and, for what belongs to an inode, that inode's number and
 * generation.  Every predicate answers true when
 * the filesystem keeps no checksums.
 */
#include <klib/string.h>
#include "ext2.h"

static uint32_t crc_le32(uint32_t crc, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};

	return svc_crc32c(crc, b, 4);
}

uint32_t ext2_sb_csum(const struct ext2_fs *fs, const uint8_t *sb)
{
	return svc_crc32c(~0u, sb, SB_CHECKSUM);
}

bool ext2_sb_csum_ok(const struct ext2_fs *fs, const uint8_t *sb)
{
	if (!fs->csum)
		return true;
	return ext2_sb_csum(fs, sb) == le32_at(sb, SB_CHECKSUM);
}

/* CRC-16 (the ANSI polynomial 0x8005, bit-reflected), bit by bit: only
 * group descriptors use it, once each at mount. */
static uint16_t crc16(uint16_t crc, const uint8_t *p, size_t n)
{
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0xa001) : (uint16_t)(crc >> 1);
	}
	return crc;
}

/* gdt_csum (uninit_bg) without metadata_csum: crc16 of the uuid, the
 * group number and the descriptor around its checksum field. */
static uint16_t gd_crc16(const struct ext2_fs *fs, uint32_t group, const uint8_t *gd)
{
	uint8_t nr[4] = {(uint8_t)group, (uint8_t)(group >> 8), (uint8_t)(group >> 16),
			 (uint8_t)(group >> 24)};
	uint16_t crc = crc16(0xffff, fs->raw_sb + SB_UUID, 16);

	crc = crc16(crc, nr, 4);
	crc = crc16(crc, gd, GD_CHECKSUM);
	if (fs->desc_size > GD_CHECKSUM + 2)
		crc = crc16(crc, gd + GD_CHECKSUM + 2, fs->desc_size - GD_CHECKSUM - 2);
	return crc;
}

uint16_t ext2_gd_csum(const struct ext2_fs *fs, uint32_t group, const uint8_t *gd)
{
	static const uint8_t zero[2];
	uint32_t crc;

	if (!fs->csum)
		return (fs->ro_compat & RO_COMPAT_GDT_CSUM) ? gd_crc16(fs, group, gd) : 0;
	crc = crc_le32(fs->csum_seed, group);
	crc = svc_crc32c(crc, gd, GD_CHECKSUM);
	crc = svc_crc32c(crc, zero, 2);
	if (fs->desc_size > GD_CHECKSUM + 2)
		crc = svc_crc32c(crc, gd + GD_CHECKSUM + 2, fs->desc_size - GD_CHECKSUM - 2);
	return (uint16_t)crc;
}

bool ext2_gd_csum_ok(const struct ext2_fs *fs, uint32_t group, const uint8_t *gd)
{
	if (!fs->csum && !(fs->ro_compat & RO_COMPAT_GDT_CSUM))
		return true;
	return ext2_gd_csum(fs, group, gd) == le16_at(gd, GD_CHECKSUM);
}

uint32_t ext2_bitmap_csum(const struct ext2_fs *fs, const uint8_t *bitmap, size_t bytes)
{
	return svc_crc32c(fs->csum_seed, bitmap, bytes);
}

uint32_t ext2_inode_seed(const struct ext2_fs *fs, uint32_t ino, uint32_t generation)
{
	return crc_le32(crc_le32(fs->csum_seed, ino), generation);
}

/* Whether the inode keeps the high half of its checksum. */
static bool inode_csum_hi(const struct ext2_fs *fs, const uint8_t *raw)
{
	return fs->inode_size > EXT2_GOOD_OLD_ISIZE &&
	       EXT2_GOOD_OLD_ISIZE + le16_at(raw, I_EXTRA_ISIZE) >= I_CHECKSUM_HI + 2;
}

static uint32_t inode_csum(const struct ext2_fs *fs, uint32_t ino, const uint8_t *raw)
{
	static const uint8_t zero[2];
	uint32_t size = fs->inode_size, crc;

	crc = ext2_inode_seed(fs, ino, le32_at(raw, I_GENERATION));
	crc = svc_crc32c(crc, raw, I_CHECKSUM_LO);
	crc = svc_crc32c(crc, zero, 2);
	crc = svc_crc32c(crc, raw + I_CHECKSUM_LO + 2, EXT2_GOOD_OLD_ISIZE - I_CHECKSUM_LO - 2);
	if (size > EXT2_GOOD_OLD_ISIZE) {
		crc = svc_crc32c(crc, raw + EXT2_GOOD_OLD_ISIZE,
				 I_CHECKSUM_HI - EXT2_GOOD_OLD_ISIZE);
		if (inode_csum_hi(fs, raw)) {
			crc = svc_crc32c(crc, zero, 2);
			crc = svc_crc32c(crc, raw + I_CHECKSUM_HI + 2, size - I_CHECKSUM_HI - 2);
		} else {
			crc = svc_crc32c(crc, raw + I_CHECKSUM_HI, size - I_CHECKSUM_HI);
		}
	}
	return crc;
}

bool ext2_inode_csum_ok(const struct ext2_fs *fs, uint32_t ino, const uint8_t *raw)
{
	uint32_t crc, want;

	if (!fs->csum)
		return true;
	crc = inode_csum(fs, ino, raw);
	want = le16_at(raw, I_CHECKSUM_LO);
	if (inode_csum_hi(fs, raw))
		return crc == (want | (uint32_t)le16_at(raw, I_CHECKSUM_HI) << 16);
	return (crc & 0xffff) == want;
}

void ext2_inode_csum_set(const struct ext2_fs *fs, uint32_t ino, uint8_t *raw)
{
	uint32_t crc;

	if (!fs->csum)
		return;
	crc = inode_csum(fs, ino, raw);
	put_le16(raw, I_CHECKSUM_LO, (uint16_t)crc);
	if (inode_csum_hi(fs, raw))
		put_le16(raw, I_CHECKSUM_HI, (uint16_t)(crc >> 16));
}

bool ext2_extent_csum_ok(const struct ext2_inode *ei, const uint8_t *blk, unsigned max_entries)
{
	size_t at = 12 + 12 * (size_t)max_entries; /* the tail after eh_max entries */

	if (!ei->fs->csum)
		return true;
	if (at + 4 > ei->fs->bsize)
		return false;
	return svc_crc32c(ei->csum_seed, blk, at) == le32_at(blk, at);
}

void ext2_extent_csum_set(const struct ext2_inode *ei, uint8_t *blk, unsigned max_entries)
{
	size_t at = 12 + 12 * (size_t)max_entries;

	if (ei->fs->csum && at + 4 <= ei->fs->bsize)
		put_le32(blk, at, svc_crc32c(ei->csum_seed, blk, at));
}

bool ext2_dirblock_csum_ok(const struct ext2_inode *ei, const uint8_t *blk)
{
	uint32_t bs = ei->fs->bsize;
	const uint8_t *t = blk + bs - DIRENT_TAIL_SIZE;

	if (!ei->fs->csum)
		return true;
	if (le32_at(t, 0) != 0 || le16_at(t, 4) != DIRENT_TAIL_SIZE || t[6] != 0 ||
	    t[7] != DIRENT_TAIL_FT)
		return false; /* no room kept for the checksum */
	return svc_crc32c(ei->csum_seed, blk, bs - DIRENT_TAIL_SIZE) == le32_at(t, 8);
}

void ext2_dirblock_csum_set(const struct ext2_inode *ei, uint8_t *blk)
{
	uint32_t bs = ei->fs->bsize;

	if (ei->fs->csum)
		put_le32(blk, bs - 4, svc_crc32c(ei->csum_seed, blk, bs - DIRENT_TAIL_SIZE));
}

/* An index block: its entries up to count, then the dx_tail's reserved
 * word and a zero in place of its checksum. */
bool ext2_dx_csum_ok(const struct ext2_inode *ei, const uint8_t *blk, unsigned count_off)
{
	static const uint8_t zero[4];
	unsigned limit = le16_at(blk, count_off), count = le16_at(blk, count_off + 2);
	size_t tail = count_off + (size_t)limit * 8;
	uint32_t crc;

	if (!ei->fs->csum)
		return true;
	if (count > limit || tail + 8 > ei->fs->bsize)
		return false;
	crc = svc_crc32c(ei->csum_seed, blk, count_off + (size_t)count * 8);
	crc = svc_crc32c(crc, blk + tail, 4);
	crc = svc_crc32c(crc, zero, 4);
	return crc == le32_at(blk, tail + 4);
}

void ext2_dx_csum_set(const struct ext2_inode *ei, uint8_t *blk, unsigned count_off)
{
	static const uint8_t zero[4];
	unsigned limit = le16_at(blk, count_off), count = le16_at(blk, count_off + 2);
	size_t tail = count_off + (size_t)limit * 8;
	uint32_t crc;

	if (!ei->fs->csum || count > limit || tail + 8 > ei->fs->bsize)
		return;
	crc = svc_crc32c(ei->csum_seed, blk, count_off + (size_t)count * 8);
	crc = svc_crc32c(crc, blk + tail, 4);
	crc = svc_crc32c(crc, zero, 4);
	put_le32(blk, tail + 4, crc);
}

bool ext2_xattr_block_csum_ok(const struct ext2_fs *fs, uint64_t blk, const uint8_t *b)
{
	static const uint8_t zero[4];
	uint8_t nr[8];
	uint32_t crc;

	if (!fs->csum)
		return true;
	for (int i = 0; i < 8; i++)
		nr[i] = (uint8_t)(blk >> (8 * i));
	crc = svc_crc32c(fs->csum_seed, nr, 8);
	crc = svc_crc32c(crc, b, 0x10);
	crc = svc_crc32c(crc, zero, 4);
	crc = svc_crc32c(crc, b + 0x14, fs->bsize - 0x14);
	return crc == le32_at(b, 0x10);
}

void ext2_xattr_block_csum_set(const struct ext2_fs *fs, uint64_t blk, uint8_t *b)
{
	static const uint8_t zero[4];
	uint8_t nr[8];
	uint32_t crc;

	if (!fs->csum)
		return;
	for (int i = 0; i < 8; i++)
		nr[i] = (uint8_t)(blk >> (8 * i));
	crc = svc_crc32c(fs->csum_seed, nr, 8);
	crc = svc_crc32c(crc, b, 0x10);
	crc = svc_crc32c(crc, zero, 4);
	crc = svc_crc32c(crc, b + 0x14, fs->bsize - 0x14);
	put_le32(b, 0x10, crc);
}
