/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The allocators of a writable mount: blocks and inodes, one bitmap of
 * each per block group, with the free counts kept in three places that
 * must agree (the bitmap, the group descriptor, the superblock) and, with
 * metadata_csum, the bitmaps' crc32c in the descriptor and every
 * descriptor's own checksum (crc16 with gdt_csum).  A group mke2fs left
 * BLOCK_UNINIT or INODE_UNINIT has no bitmap on the disk yet: its first
 * use writes one (for blocks, with the group's own metadata marked, which
 * flex_bg may have placed in another group).
 *
 * Blocks are handed out near a goal, as long a run as is free there, so a
 * file written in order lands in order; new directories spread over the
 * groups with the most free inodes and fewest directories, files stay in
 * their directory's group.  The blocks reserved for root (s_r_blocks) go
 * only to a creator whose fsuid is 0.
 *
 * Every change goes through the transaction (tx.h); callers hold
 * fs->wlock.  The superblock's counts live in fs->raw_sb and join the
 * transaction with every change (ext2_super_write); with a journal the
 * superblock's block is copied from fs->raw_sb and checksummed once, at
 * the commit.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"
#include "tx.h"

#define GD_BLOCK_BITMAP_LO  0x00
#define GD_INODE_BITMAP_LO  0x04
#define GD_USED_DIRS_LO	    0x10
#define GD_FLAGS	    0x12
#define GD_BBITMAP_CSUM_LO  0x18
#define GD_IBITMAP_CSUM_LO  0x1a
#define GD_ITABLE_UNUSED_LO 0x1c
#define GD_BLOCK_BITMAP_HI  0x20
#define GD_INODE_BITMAP_HI  0x24
#define GD_ITABLE_UNUSED_HI 0x32
#define GD_USED_DIRS_HI	    0x30
#define GD_BBITMAP_CSUM_HI  0x38
#define GD_IBITMAP_CSUM_HI  0x3a
#define GD_CSUM_HI_END	    0x3c
#define BG_INODE_UNINIT	    0x1
#define BG_BLOCK_UNINIT	    0x2
#define SB_FREE_INODES_OFF  0x10

static uint8_t *gd_of(struct ext2_fs *fs, uint32_t g)
{
	return fs->gdt + (size_t)g * fs->desc_size;
}

static bool wide(const struct ext2_fs *fs)
{
	return fs->desc_size >= GD_SIZE_64BIT_MIN;
}

/* A descriptor count split into a 16-bit low half and a high half. */
static uint32_t gd_get16(struct ext2_fs *fs, uint32_t g, size_t lo, size_t hi)
{
	const uint8_t *gd = gd_of(fs, g);

	return le16_at(gd, lo) | (wide(fs) ? (uint32_t)le16_at(gd, hi) << 16 : 0);
}

static void gd_put16(struct ext2_fs *fs, uint32_t g, size_t lo, size_t hi, uint32_t v)
{
	uint8_t *gd = gd_of(fs, g);

	put_le16(gd, lo, (uint16_t)v);
	if (wide(fs))
		put_le16(gd, hi, (uint16_t)(v >> 16));
}

static uint64_t gd_get32(struct ext2_fs *fs, uint32_t g, size_t lo, size_t hi)
{
	const uint8_t *gd = gd_of(fs, g);

	return le32_at(gd, lo) | (wide(fs) ? (uint64_t)le32_at(gd, hi) << 32 : 0);
}

static bool uninit_bg(const struct ext2_fs *fs)
{
	return fs->csum || (fs->ro_compat & RO_COMPAT_GDT_CSUM);
}

/* Write group g's descriptor (fs->gdt) back, with its checksum. */
static int gd_write(struct ext2_tx *tx, uint32_t g)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	uint32_t per_block = fs->bsize / fs->desc_size;
	uint8_t *gd = gd_of(fs, g);
	struct svc_buf *b;
	int err = 0;

	if (uninit_bg(fs))
		put_le16(gd, GD_CHECKSUM, ext2_gd_csum(fs, g, gd));
	b = ext2_tx_bread(tx, ext2_gdt_block(fs, g / per_block), &err);
	if (!b)
		return -EIO;
	ext2_tx_write(tx, b, (size_t)(g % per_block) * fs->desc_size, gd, fs->desc_size);
	svc_brelse(fs->cap, b);
	return 0;
}

static uint64_t sb_free_blocks(const struct ext2_fs *fs)
{
	uint64_t v = le32_at(fs->raw_sb, SB_FREE_BLOCKS_LO);

	if (fs->incompat & INCOMPAT_64BIT)
		v |= (uint64_t)le32_at(fs->raw_sb, SB_FREE_BLOCKS_HI) << 32;
	return v;
}

static void sb_set_free_blocks(struct ext2_fs *fs, uint64_t v)
{
	put_le32(fs->raw_sb, SB_FREE_BLOCKS_LO, (uint32_t)v);
	if (fs->incompat & INCOMPAT_64BIT)
		put_le32(fs->raw_sb, SB_FREE_BLOCKS_HI, (uint32_t)(v >> 32));
}

uint64_t ext2_super_block(const struct ext2_fs *fs)
{
	return EXT2_SB_OFFSET / fs->bsize;
}

void ext2_super_fill(struct ext2_fs *fs, struct svc_buf *b)
{
	if (fs->csum)
		put_le32(fs->raw_sb, SB_CHECKSUM, ext2_sb_csum(fs, fs->raw_sb));
	svc_buf_write(b, EXT2_SB_OFFSET % fs->bsize, fs->raw_sb, EXT2_SB_SIZE);
}

int ext2_super_write(struct ext2_tx *tx)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	struct svc_buf *b;
	int err = 0;

	/* already in the running transaction: its commit copies fs->raw_sb
	 * in and checksums it once (1 KiB of crc32c per commit, not per
	 * allocation) */
	if (ext2_tx_super_pending(tx))
		return 0;
	if (fs->csum)
		put_le32(fs->raw_sb, SB_CHECKSUM, ext2_sb_csum(fs, fs->raw_sb));
	b = ext2_tx_bread(tx, ext2_super_block(fs), &err);
	if (!b)
		return -EIO;
	ext2_tx_write(tx, b, EXT2_SB_OFFSET % fs->bsize, fs->raw_sb, EXT2_SB_SIZE);
	svc_brelse(fs->cap, b);
	return 0;
}

/* ---- bitmaps ---- */

static bool test_bit(const uint8_t *map, uint32_t i)
{
	return map[i / 8] & (1u << (i % 8));
}

static void set_bit(uint8_t *map, uint32_t i)
{
	map[i / 8] |= (uint8_t)(1u << (i % 8));
}

static void clear_bit(uint8_t *map, uint32_t i)
{
	map[i / 8] &= (uint8_t) ~(1u << (i % 8));
}

static void set_range(uint8_t *map, uint64_t from, uint64_t to)
{
	for (uint64_t i = from; i < to; i++)
		set_bit(map, (uint32_t)i);
}

static uint64_t group_first(const struct ext2_fs *fs, uint32_t g)
{
	return fs->first_data_block + (uint64_t)g * fs->blocks_per_group;
}

/* How many blocks group g has (the last one may be short). */
static uint32_t group_blocks(const struct ext2_fs *fs, uint32_t g)
{
	uint64_t left = fs->blocks_count - group_first(fs, g);

	return (uint32_t)MIN(left, (uint64_t)fs->blocks_per_group);
}

/* Mark in `map` (group g's block bitmap) range [blk, blk + n) where it
 * falls inside the group. */
static void mark_in_group(const struct ext2_fs *fs, uint32_t g, uint8_t *map, uint64_t blk,
			  uint64_t n)
{
	uint64_t start = group_first(fs, g), end = start + group_blocks(fs, g);
	uint64_t a = MAX(blk, start), z = MIN(blk + n, end);

	if (a < z)
		set_range(map, a - start, z - start);
}

/* The block bitmap mke2fs did not write (BLOCK_UNINIT), as it would be:
 * the group's superblock and descriptor copies, every group's bitmaps
 * and inode table that lie in it, and the bits past its end. */
static void init_block_bitmap(struct ext2_fs *fs, uint32_t g, uint8_t *map)
{
	uint32_t per_block = fs->bsize / fs->desc_size;
	uint64_t itab =
		((uint64_t)fs->inodes_per_group * fs->inode_size + fs->bsize - 1) / fs->bsize;
	uint64_t first = group_first(fs, g);

	memset(map, 0, fs->bsize);
	if (ext2_group_has_super(fs, g)) {
		uint64_t n = 1, gdt = (fs->groups + per_block - 1) / per_block;

		if (!(fs->incompat & INCOMPAT_META_BG))
			n += gdt + le16_at(fs->raw_sb, SB_RESERVED_GDT_BLOCKS);
		/* block 0 of a 1 KiB filesystem is before group 0 */
		mark_in_group(fs, g, map, first, n);
	}
	if (fs->incompat & INCOMPAT_META_BG) {
		uint32_t in_meta = g % per_block;

		if (in_meta == 0 || in_meta == 1 || in_meta == per_block - 1)
			mark_in_group(fs, g, map, first + (ext2_group_has_super(fs, g) ? 1 : 0), 1);
	}
	for (uint32_t o = 0; o < fs->groups; o++) {
		mark_in_group(fs, g, map, gd_get32(fs, o, GD_BLOCK_BITMAP_LO, GD_BLOCK_BITMAP_HI),
			      1);
		mark_in_group(fs, g, map, gd_get32(fs, o, GD_INODE_BITMAP_LO, GD_INODE_BITMAP_HI),
			      1);
		mark_in_group(fs, g, map, ext2_inode_table(fs, o), itab);
	}
	set_range(map, group_blocks(fs, g), (uint64_t)fs->bsize * 8);
}

/* A group's bitmap, read (or initialised) into `map` for a change: the
 * buffer to write it back through, or NULL and *err. */
static struct svc_buf *load_bitmap(struct ext2_tx *tx, uint32_t g, bool inodes, uint8_t *map,
				   int *err)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	uint64_t blk = inodes ? gd_get32(fs, g, GD_INODE_BITMAP_LO, GD_INODE_BITMAP_HI)
			      : gd_get32(fs, g, GD_BLOCK_BITMAP_LO, GD_BLOCK_BITMAP_HI);
	uint32_t flag = inodes ? BG_INODE_UNINIT : BG_BLOCK_UNINIT;
	bool uninit = uninit_bg(fs) && (le16_at(gd_of(fs, g), GD_FLAGS) & flag);
	struct svc_buf *b;

	if (blk < fs->first_data_block || blk >= fs->blocks_count) {
		svc_log("EXT4-fs error (device %s): group %u: bitmap block %llu out of range",
			fs->sb->source, g, (unsigned long long)blk);
		*err = -EUCLEAN;
		return NULL;
	}
	b = uninit ? ext2_tx_new(tx, blk, err) : ext2_tx_bread(tx, blk, err);
	if (!b) {
		*err = -EIO;
		return NULL;
	}
	if (!uninit) {
		svc_buf_read(b, 0, map, fs->bsize);
		return b;
	}
	if (inodes) {
		memset(map, 0, fs->bsize);
		set_range(map, fs->inodes_per_group, (uint64_t)fs->bsize * 8);
	} else {
		init_block_bitmap(fs, g, map);
	}
	ext2_tx_write(tx, b, 0, map, fs->bsize);
	put_le16(gd_of(fs, g), GD_FLAGS, le16_at(gd_of(fs, g), GD_FLAGS) & ~flag);
	return b;
}

/* The buffer the allocators read a bitmap into: one per mount, kept
 * (fs->wlock serializes them, and none calls another), so an allocation
 * neither gets nor zeroes a block of memory each time.  NULL: -ENOMEM. */
static uint8_t *bitmap_buf(struct ext2_fs *fs)
{
	if (!fs->bitmap_buf)
		fs->bitmap_buf = ext2_block_alloc(fs);
	return fs->bitmap_buf;
}

/* Store a changed bitmap's checksum in its descriptor (metadata_csum). */
static void bitmap_csum(struct ext2_fs *fs, uint32_t g, bool inodes, const uint8_t *map)
{
	uint32_t bytes = (inodes ? fs->inodes_per_group : fs->blocks_per_group) / 8;
	uint32_t crc;
	uint8_t *gd = gd_of(fs, g);

	if (!fs->csum)
		return;
	crc = ext2_bitmap_csum(fs, map, bytes);
	put_le16(gd, inodes ? GD_IBITMAP_CSUM_LO : GD_BBITMAP_CSUM_LO, (uint16_t)crc);
	if (fs->desc_size >= GD_CSUM_HI_END)
		put_le16(gd, inodes ? GD_IBITMAP_CSUM_HI : GD_BBITMAP_CSUM_HI,
			 (uint16_t)(crc >> 16));
}

/* ---- blocks ---- */

/* The first clear bit of map in [from, to), or `to`. */
static uint32_t find_zero(const uint8_t *map, uint32_t from, uint32_t to)
{
	uint32_t i = from;

	while (i < to) {
		if ((i & 7) == 0 && i + 8 <= to && map[i / 8] == 0xff) {
			i += 8;
			continue;
		}
		if (!test_bit(map, i))
			return i;
		i++;
	}
	return to;
}

/* Take up to `want` clear bits from `bit` on in group g: how many. */
static uint32_t take_run(struct ext2_fs *fs, uint32_t g, uint8_t *map, uint32_t bit, uint32_t want)
{
	uint32_t end = group_blocks(fs, g), n = 0;

	while (n < want && bit + n < end && !test_bit(map, bit + n)) {
		set_bit(map, bit + n);
		n++;
	}
	return n;
}

/* Whether [blk, blk + n) overlaps what the filesystem's own structures
 * hold (a bitmap or inode table, the superblock copy): a bitmap that says
 * such a block is free is corrupt, and giving it out would destroy them. */
static bool is_system_block(struct ext2_fs *fs, uint32_t g, uint64_t blk, uint32_t n)
{
	uint64_t itab =
		((uint64_t)fs->inodes_per_group * fs->inode_size + fs->bsize - 1) / fs->bsize;
	uint64_t t = ext2_inode_table(fs, g);

	if (blk < t + itab && t < blk + n)
		return true;
	for (size_t f = 0; f < 2; f++) {
		uint64_t b = f ? gd_get32(fs, g, GD_INODE_BITMAP_LO, GD_INODE_BITMAP_HI)
			       : gd_get32(fs, g, GD_BLOCK_BITMAP_LO, GD_BLOCK_BITMAP_HI);

		if (b >= blk && b < blk + n)
			return true;
	}
	return ext2_group_has_super(fs, g) && blk == group_first(fs, g);
}

int ext2_new_blocks(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t goal, uint32_t want,
		    uint64_t *first, uint32_t *got)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	uint64_t free = sb_free_blocks(fs), avail = free;
	uint8_t *map;
	uint32_t uid, gid, g0, goff;
	int err = 0;

	svc_creator(&uid, &gid);
	if (uid != 0)
		avail = free > fs->r_blocks ? free - fs->r_blocks : 0;
	if (avail == 0 || want == 0)
		return -ENOSPC;
	want = (uint32_t)MIN((uint64_t)want, MIN(avail, (uint64_t)fs->blocks_per_group));
	if (goal == 0 && ei)
		goal = group_first(fs, (ei->ino - 1) / fs->inodes_per_group);
	if (goal < fs->first_data_block || goal >= fs->blocks_count)
		goal = fs->first_data_block;
	g0 = (uint32_t)((goal - fs->first_data_block) / fs->blocks_per_group);
	map = bitmap_buf(fs);
	if (!map)
		return -ENOMEM;
	goff = (uint32_t)(goal - group_first(fs, g0));
	for (uint32_t i = 0; i <= fs->groups; i++) {
		uint32_t g = (g0 + i) % fs->groups, end = group_blocks(fs, g), bit, n;
		struct svc_buf *b;

		/* the goal's group is searched from the goal on first and, if
		 * every other group is full, from its start last */
		if (i == fs->groups && goff == 0)
			break;
		if (gd_get16(fs, g, GD_FREE_BLOCKS_LO, GD_FREE_BLOCKS_HI) == 0)
			continue;
		b = load_bitmap(tx, g, false, map, &err);
		if (!b)
			break;
		bit = find_zero(map, i == 0 ? goff : 0, end);
		if (bit == end) {
			svc_brelse(fs->cap, b);
			continue;
		}
		n = take_run(fs, g, map, bit, want);
		if (is_system_block(fs, g, group_first(fs, g) + bit, n)) {
			svc_log("EXT4-fs error (device %s): group %u: block bitmap marks system "
				"blocks free",
				fs->sb->source, g);
			svc_brelse(fs->cap, b);
			err = -EUCLEAN;
			break;
		}
		ext2_tx_write(tx, b, bit / 8, map + bit / 8, (bit + n + 7) / 8 - bit / 8);
		svc_brelse(fs->cap, b);
		bitmap_csum(fs, g, false, map);
		gd_put16(fs, g, GD_FREE_BLOCKS_LO, GD_FREE_BLOCKS_HI,
			 gd_get16(fs, g, GD_FREE_BLOCKS_LO, GD_FREE_BLOCKS_HI) - n);
		err = gd_write(tx, g);
		sb_set_free_blocks(fs, free - n);
		if (!err)
			err = ext2_super_write(tx);
		if (!err) {
			*first = group_first(fs, g) + bit;
			*got = n;
		}
		return err;
	}
	return err ? err : -ENOSPC;
}

int ext2_free_blocks(struct ext2_tx *tx, uint64_t first, uint32_t count, bool meta)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	uint8_t *map;
	int err = 0;

	if (first < fs->first_data_block || first >= fs->blocks_count ||
	    count > fs->blocks_count - first) {
		svc_log("EXT4-fs error (device %s): freeing blocks not in datazone: %llu+%u",
			fs->sb->source, (unsigned long long)first, count);
		return -EUCLEAN;
	}
	map = bitmap_buf(fs);
	if (!map)
		return -ENOMEM;
	while (count && !err) {
		uint32_t g = (uint32_t)((first - fs->first_data_block) / fs->blocks_per_group);
		uint32_t bit = (uint32_t)(first - group_first(fs, g));
		uint32_t n = MIN(count, group_blocks(fs, g) - bit), freed = 0;
		struct svc_buf *b = load_bitmap(tx, g, false, map, &err);

		if (!b)
			break;
		if (is_system_block(fs, g, first, n)) {
			svc_log("EXT4-fs error (device %s): freeing system blocks %llu+%u",
				fs->sb->source, (unsigned long long)first, n);
			svc_brelse(fs->cap, b);
			err = -EUCLEAN;
			break;
		}
		for (uint32_t i = 0; i < n; i++) {
			if (!test_bit(map, bit + i)) {
				svc_log("EXT4-fs error (device %s): bit already cleared for block "
					"%llu",
					fs->sb->source, (unsigned long long)(first + i));
				continue;
			}
			clear_bit(map, bit + i);
			freed++;
			if (meta)
				ext2_tx_forget(tx, first + i);
		}
		ext2_tx_write(tx, b, bit / 8, map + bit / 8, (bit + n + 7) / 8 - bit / 8);
		svc_brelse(fs->cap, b);
		bitmap_csum(fs, g, false, map);
		gd_put16(fs, g, GD_FREE_BLOCKS_LO, GD_FREE_BLOCKS_HI,
			 gd_get16(fs, g, GD_FREE_BLOCKS_LO, GD_FREE_BLOCKS_HI) + freed);
		err = gd_write(tx, g);
		sb_set_free_blocks(fs, sb_free_blocks(fs) + freed);
		first += n;
		count -= n;
	}
	if (!err)
		err = ext2_super_write(tx);
	return err;
}

/* ---- inodes ---- */

/* The group for a new directory: among those with at least the average
 * number of free inodes and of free blocks, the one with the fewest
 * directories, so that trees spread over the disk (the idea of Orlov's
 * allocator, for every directory). */
static uint32_t dir_group(struct ext2_fs *fs, uint32_t parent)
{
	uint64_t ifree = le32_at(fs->raw_sb, SB_FREE_INODES_OFF), bfree = sb_free_blocks(fs);
	uint64_t avg_i = ifree / fs->groups, avg_b = bfree / fs->groups;
	uint32_t best = UINT32_MAX, best_dirs = UINT32_MAX;

	for (uint32_t i = 0; i < fs->groups; i++) {
		uint32_t g = (parent + i) % fs->groups;
		uint32_t fi = gd_get16(fs, g, GD_FREE_INODES_LO, GD_FREE_INODES_HI);
		uint32_t fb = gd_get16(fs, g, GD_FREE_BLOCKS_LO, GD_FREE_BLOCKS_HI);
		uint32_t dirs = gd_get16(fs, g, GD_USED_DIRS_LO, GD_USED_DIRS_HI);

		if (fi == 0 || fi < avg_i || fb < avg_b)
			continue;
		if (dirs < best_dirs) {
			best = g;
			best_dirs = dirs;
		}
	}
	return best == UINT32_MAX ? parent : best;
}

int ext2_new_inode(struct ext2_tx *tx, struct ext2_inode *dir, uint32_t mode, uint32_t *ino)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	uint32_t parent = dir ? (dir->ino - 1) / fs->inodes_per_group : 0;
	uint32_t g0 = S_ISDIR(mode) ? dir_group(fs, parent) : parent;
	uint32_t ifree = le32_at(fs->raw_sb, SB_FREE_INODES_OFF);
	uint8_t *map;
	int err = 0;

	if (ifree == 0)
		return -ENOSPC;
	map = bitmap_buf(fs);
	if (!map)
		return -ENOMEM;
	for (uint32_t i = 0; i < fs->groups; i++) {
		uint32_t g = (g0 + i) % fs->groups, bit, from = 0;
		struct svc_buf *b;

		if (gd_get16(fs, g, GD_FREE_INODES_LO, GD_FREE_INODES_HI) == 0)
			continue;
		if ((uint64_t)g * fs->inodes_per_group < fs->first_ino)
			from = fs->first_ino - 1 - g * fs->inodes_per_group;
		b = load_bitmap(tx, g, true, map, &err);
		if (!b)
			break;
		bit = find_zero(map, from, fs->inodes_per_group);
		if (bit == fs->inodes_per_group) {
			svc_brelse(fs->cap, b);
			continue;
		}
		set_bit(map, bit);
		ext2_tx_write(tx, b, bit / 8, map + bit / 8, 1);
		svc_brelse(fs->cap, b);
		bitmap_csum(fs, g, true, map);
		gd_put16(fs, g, GD_FREE_INODES_LO, GD_FREE_INODES_HI,
			 gd_get16(fs, g, GD_FREE_INODES_LO, GD_FREE_INODES_HI) - 1);
		if (S_ISDIR(mode))
			gd_put16(fs, g, GD_USED_DIRS_LO, GD_USED_DIRS_HI,
				 gd_get16(fs, g, GD_USED_DIRS_LO, GD_USED_DIRS_HI) + 1);
		if (uninit_bg(fs)) {
			uint32_t unused = gd_get16(fs, g, GD_ITABLE_UNUSED_LO, GD_ITABLE_UNUSED_HI);

			if (bit >= fs->inodes_per_group - unused)
				gd_put16(fs, g, GD_ITABLE_UNUSED_LO, GD_ITABLE_UNUSED_HI,
					 fs->inodes_per_group - bit - 1);
			/* as Linux: a group that holds inodes gets its block bitmap */
			if (le16_at(gd_of(fs, g), GD_FLAGS) & BG_BLOCK_UNINIT) {
				struct svc_buf *bb = load_bitmap(tx, g, false, map, &err);

				if (!bb)
					break;
				svc_brelse(fs->cap, bb);
				bitmap_csum(fs, g, false, map);
			}
		}
		err = gd_write(tx, g);
		put_le32(fs->raw_sb, SB_FREE_INODES_OFF, ifree - 1);
		if (!err)
			err = ext2_super_write(tx);
		if (!err)
			*ino = g * fs->inodes_per_group + bit + 1;
		return err;
	}
	return err ? err : -ENOSPC;
}

int ext2_free_inode(struct ext2_tx *tx, uint32_t ino, bool is_dir)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	uint32_t g, bit;
	struct svc_buf *b;
	uint8_t *map;
	int err = 0;

	if (ino < fs->first_ino || ino > fs->inodes_count) {
		svc_log("EXT4-fs error (device %s): freeing reserved or nonexistent inode %u",
			fs->sb->source, ino);
		return -EUCLEAN;
	}
	g = (ino - 1) / fs->inodes_per_group;
	bit = (ino - 1) % fs->inodes_per_group;
	map = bitmap_buf(fs);
	if (!map)
		return -ENOMEM;
	b = load_bitmap(tx, g, true, map, &err);
	if (!b)
		goto out;
	if (!test_bit(map, bit)) {
		svc_log("EXT4-fs error (device %s): bit already cleared for inode %u",
			fs->sb->source, ino);
		svc_brelse(fs->cap, b);
		goto out;
	}
	clear_bit(map, bit);
	ext2_tx_write(tx, b, bit / 8, map + bit / 8, 1);
	svc_brelse(fs->cap, b);
	bitmap_csum(fs, g, true, map);
	gd_put16(fs, g, GD_FREE_INODES_LO, GD_FREE_INODES_HI,
		 gd_get16(fs, g, GD_FREE_INODES_LO, GD_FREE_INODES_HI) + 1);
	if (is_dir)
		gd_put16(fs, g, GD_USED_DIRS_LO, GD_USED_DIRS_HI,
			 gd_get16(fs, g, GD_USED_DIRS_LO, GD_USED_DIRS_HI) - 1);
	err = gd_write(tx, g);
	put_le32(fs->raw_sb, SB_FREE_INODES_OFF, le32_at(fs->raw_sb, SB_FREE_INODES_OFF) + 1);
	if (!err)
		err = ext2_super_write(tx);
out:
	return err;
}
