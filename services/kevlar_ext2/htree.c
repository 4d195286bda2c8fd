/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Hash-indexed directories (htree): a lookup hashes the name, walks the
 * index from its root in block 0 through up to two (three with largedir)
 * levels of index nodes, each a sorted array of (hash, block) pairs, to
 * the one leaf block that can hold the name, and searches that block.
 *
 * The hashes are ext4's: the legacy one, half-MD4 and TEA, each with the
 * name's bytes taken as signed or unsigned chars, as the superblock's
 * flags say (the index keeps only the base version).  Names hashing alike
 * may spill into the next leaf (its index hash has the low bit set): then,
 * and whenever the index is not one this code can use, the lookup answers
 * -EAGAIN and the caller scans the directory linearly, which is always
 * right.  A checksum that fails on an index block is -EBADMSG.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"

#define DX_ROOT_INFO	0x18 /* after the "." and ".." entries */
#define DX_ROOT_ENTRIES 0x20
#define DX_NODE_ENTRIES 0x08
#define DX_EOF_32	0x7fffffffu

static uint32_t rol32(uint32_t v, unsigned s)
{
	return (v << s) | (v >> (32 - s));
}

/* The name packed into `num` words as ext4 hashes it, padded with a
 * pattern of its length. */
static void pack_words(const uint8_t *p, size_t len, uint32_t *out, int num, bool sign)
{
	uint32_t pad = (uint32_t)len | ((uint32_t)len << 8), val;

	pad |= pad << 16;
	val = pad;
	if (len > (size_t)num * 4)
		len = (size_t)num * 4;
	for (size_t i = 0; i < len; i++) {
		int c = sign ? (int)(int8_t)p[i] : (int)p[i];

		val = (uint32_t)c + (val << 8);
		if (i % 4 == 3) {
			*out++ = val;
			val = pad;
			num--;
		}
	}
	if (--num >= 0)
		*out++ = val;
	while (--num >= 0)
		*out++ = pad;
}

static uint32_t legacy_hash(const uint8_t *p, size_t len, bool sign)
{
	uint32_t h0 = 0x12a3fe2d, h1 = 0x37abe8f9;

	for (size_t i = 0; i < len; i++) {
		int c = sign ? (int)(int8_t)p[i] : (int)p[i];
		uint32_t h = h1 + (h0 ^ (uint32_t)(c * 7152373));

		if (h & 0x80000000u)
			h -= 0x7fffffff;
		h1 = h0;
		h0 = h;
	}
	return h0 << 1;
}

#define F(x, y, z)		  ((z) ^ ((x) & ((y) ^ (z))))
#define G(x, y, z)		  (((x) & (y)) + (((x) ^ (y)) & (z)))
#define H(x, y, z)		  ((x) ^ (y) ^ (z))
#define STEP(f, a, b, c, d, x, s) ((a) = rol32((a) + f((b), (c), (d)) + (x), (s)))

/* MD4's compression cut to three rounds of eight steps, as ext4 uses it. */
static void half_md4(uint32_t buf[4], const uint32_t in[8])
{
	static const uint8_t o1[8] = {0, 1, 2, 3, 4, 5, 6, 7}, s1[4] = {3, 7, 11, 19};
	static const uint8_t o2[8] = {1, 3, 5, 7, 0, 2, 4, 6}, s2[4] = {3, 5, 9, 13};
	static const uint8_t o3[8] = {3, 7, 2, 6, 1, 5, 0, 4}, s3[4] = {3, 9, 11, 15};
	uint32_t v[4] = {buf[0], buf[1], buf[2], buf[3]};

	/* each step updates a, d, c, b in turn: v[(4 - i) % 4] */
	for (int i = 0; i < 8; i++) {
		uint32_t *a = &v[(4 - i % 4) % 4], b = v[(5 - i % 4) % 4], c = v[(6 - i % 4) % 4],
			 d = v[(7 - i % 4) % 4];

		STEP(F, *a, b, c, d, in[o1[i]], s1[i % 4]);
	}
	for (int i = 0; i < 8; i++) {
		uint32_t *a = &v[(4 - i % 4) % 4], b = v[(5 - i % 4) % 4], c = v[(6 - i % 4) % 4],
			 d = v[(7 - i % 4) % 4];

		STEP(G, *a, b, c, d, in[o2[i]] + 0x5a827999u, s2[i % 4]);
	}
	for (int i = 0; i < 8; i++) {
		uint32_t *a = &v[(4 - i % 4) % 4], b = v[(5 - i % 4) % 4], c = v[(6 - i % 4) % 4],
			 d = v[(7 - i % 4) % 4];

		STEP(H, *a, b, c, d, in[o3[i]] + 0x6ed9eba1u, s3[i % 4]);
	}
	for (int i = 0; i < 4; i++)
		buf[i] += v[i];
}

static void tea(uint32_t buf[4], const uint32_t in[4])
{
	uint32_t sum = 0, b0 = buf[0], b1 = buf[1];

	for (int n = 0; n < 16; n++) {
		sum += 0x9e3779b9u;
		b0 += ((b1 << 4) + in[0]) ^ (b1 + sum) ^ ((b1 >> 5) + in[1]);
		b1 += ((b0 << 4) + in[2]) ^ (b0 + sum) ^ ((b0 >> 5) + in[3]);
	}
	buf[0] += b0;
	buf[1] += b1;
}

uint32_t ext2_dx_hash(const char *name, size_t len, unsigned version, const uint32_t seed[4],
		      uint32_t *minor)
{
	uint32_t buf[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}, in[8], hash, mn = 0;
	const uint8_t *p = (const uint8_t *)name;
	bool sign = version < DX_HASH_LEGACY_UNSIGNED;

	if (seed && (seed[0] | seed[1] | seed[2] | seed[3]))
		memcpy(buf, seed, sizeof(buf));
	switch (version) {
	case DX_HASH_LEGACY:
	case DX_HASH_LEGACY_UNSIGNED:
		hash = legacy_hash(p, len, sign);
		break;
	case DX_HASH_HALF_MD4:
	case DX_HASH_HALF_MD4_UNSIGNED:
		for (size_t left = len; left > 0; left -= MIN(left, 32), p += 32) {
			pack_words(p, left, in, 8, sign);
			half_md4(buf, in);
		}
		hash = buf[1];
		mn = buf[2];
		break;
	default:
		for (size_t left = len; left > 0; left -= MIN(left, 16), p += 16) {
			pack_words(p, left, in, 4, sign);
			tea(buf, in);
		}
		hash = buf[0];
		mn = buf[1];
		break;
	}
	if (minor)
		*minor = mn;
	hash &= ~1u;
	if (hash == DX_EOF_32 << 1)
		hash = (DX_EOF_32 - 1) << 1;
	return hash;
}

int ext2_dx_pick(const uint8_t *blk, size_t bsize, size_t count_off, uint32_t hash, unsigned *idx)
{
	unsigned limit = le16_at(blk, count_off), count = le16_at(blk, count_off + 2), i;

	if (count == 0 || count > limit || count_off + (size_t)limit * 8 > bsize)
		return -EAGAIN;
	for (i = 1; i < count && le32_at(blk, count_off + (size_t)i * 8) <= hash; i++)
		;
	*idx = i - 1;
	return 0;
}

/* The block of the entry that holds `hash`, and in *collide whether the
 * next entry continues the same hash (the name may be in the next leaf). */
static int dx_pick(const uint8_t *blk, size_t bsize, size_t count_off, uint32_t hash,
		   uint32_t *block, bool *collide)
{
	unsigned count = le16_at(blk, count_off + 2), i;
	int err = ext2_dx_pick(blk, bsize, count_off, hash, &i);

	if (err)
		return err;
	*block = le32_at(blk, count_off + (size_t)i * 8 + 4);
	*collide = i + 1 < count && (le32_at(blk, count_off + (size_t)(i + 1) * 8) & ~1u) == hash;
	return 0;
}

static long dx_walk(struct ext2_inode *dir, uint8_t *blk, const char *name, size_t len)
{
	struct ext2_fs *fs = dir->fs;
	unsigned version, levels, max_levels = (fs->incompat & INCOMPAT_LARGEDIR) ? 3 : 2;
	uint32_t hash, block;
	bool collide = false, any_collide = false;
	size_t count_off;
	int err = ext2_dir_read_leaf(dir, 0, blk);

	if (err)
		return err;
	version = blk[DX_ROOT_INFO + 4];
	levels = blk[DX_ROOT_INFO + 6];
	if (le32_at(blk, DX_ROOT_INFO) != 0 || blk[DX_ROOT_INFO + 5] != 8 ||
	    version > DX_HASH_TEA || levels >= max_levels)
		return -EAGAIN;
	if (!ext2_dx_csum_ok(dir, blk, DX_ROOT_ENTRIES)) {
		svc_log("EXT4-fs error (device %s): inode #%u: dx_probe: Index failed checksum",
			fs->sb->source, dir->ino);
		return -EBADMSG;
	}
	if (fs->hash_unsigned)
		version += DX_HASH_LEGACY_UNSIGNED;
	hash = ext2_dx_hash(name, len, version, fs->hash_seed, NULL);
	count_off = DX_ROOT_ENTRIES;
	for (;;) {
		err = dx_pick(blk, fs->bsize, count_off, hash, &block, &collide);
		if (err)
			return err;
		any_collide |= collide;
		if ((uint64_t)block >= dir->size >> fs->log_bsize)
			return -EAGAIN;
		err = ext2_dir_read_leaf(dir, block, blk);
		if (err)
			return err;
		if (levels-- == 0)
			break;
		if (le32_at(blk, 0) != 0 || le16_at(blk, 4) != fs->bsize)
			return -EAGAIN;
		if (!ext2_dx_csum_ok(dir, blk, DX_NODE_ENTRIES)) {
			svc_log("EXT4-fs error (device %s): inode #%u: dx_probe: Index failed "
				"checksum",
				fs->sb->source, dir->ino);
			return -EBADMSG;
		}
		count_off = DX_NODE_ENTRIES;
	}
	long ino = ext2_dirblock_find(fs, blk, name, len);

	return ino == 0 && any_collide ? -EAGAIN : ino;
}

long ext2_dx_lookup(struct ext2_inode *dir, const char *name, size_t len)
{
	uint8_t *blk = ext2_block_alloc(dir->fs);
	long ino;

	if (!blk)
		return -ENOMEM;
	ino = dx_walk(dir, blk, name, len);
	ext2_block_free(dir->fs, blk);
	return ino;
}
