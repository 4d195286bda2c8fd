/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * readdir in hash order.  On a filesystem with dir_index, Linux reads a
 * directory that has a hash index, or that is a single block, in the
 * order of its names' hashes (major, then minor), and its positions are
 * cookies made of the two: (major >> 1) << 32 | minor.  So does this.
 *
 * An indexed directory is read leaf by leaf in the index's order, which
 * is the order of hash ranges, with a cursor down the index (root and up
 * to two levels of nodes); each leaf's entries are sorted on their own.
 * "." and ".." come first, from the root block, with the hashes 0 and 2
 * Linux gives them.  A single-block directory is one such leaf, "." and
 * ".." hashed like any name.  Resuming at a cookie skips every entry
 * below it; after the last entry the position is the end cookie.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"

#define DX_EOF_64    0x7fffffffffffffffull
#define DX_MAX_DEPTH 3

/* ext4's file_type byte -> DT_* */
static const uint8_t dtype_of[8] = {0, 8, 4, 2, 6, 1, 12, 10};

struct dx_ent {
	uint64_t cookie;
	uint32_t off; /* of the entry in the leaf block */
};

struct dx_read {
	struct ext2_inode *dir;
	unsigned version;
	uint64_t start;
	uint64_t *pos;
	vfs_dirent_fn emit;
	void *ctx;
	struct dx_ent *ents; /* a leaf's entries, sorted */
};

static uint64_t cookie_of(uint32_t hash, uint32_t minor)
{
	return (uint64_t)(hash >> 1) << 32 | minor;
}

/* Emit the entry at `off` of `blk` with `cookie`: 1 when the caller's
 * buffer is full (*pos stays at the entry). */
static int emit_one(struct dx_read *r, const uint8_t *blk, size_t off, uint64_t cookie)
{
	struct ext2_fs *fs = r->dir->fs;
	unsigned ft = (fs->incompat & INCOMPAT_FILETYPE) ? blk[off + 7] & 7 : 0;

	if (cookie < r->start)
		return 0;
	*r->pos = cookie;
	if (r->emit(r->ctx, (const char *)blk + off + DIRENT_HEADER, blk[off + 6],
		    le32_at(blk, off), dtype_of[ft]))
		return 1;
	*r->pos = cookie + 1;
	return 0;
}

/* Sort and emit one leaf's entries from `first` (byte offset) on. */
static int emit_leaf(struct dx_read *r, const uint8_t *blk, size_t first)
{
	struct ext2_fs *fs = r->dir->fs;
	size_t n = 0;
	unsigned rec;

	for (size_t off = first; off < fs->bsize; off += rec) {
		uint32_t hash, minor;
		uint64_t c;
		size_t i;

		if (!ext2_dirent_ok(fs, blk, off, &rec)) {
			svc_log("EXT4-fs error (device %s): inode #%u: bad entry in directory",
				fs->sb->source, r->dir->ino);
			break;
		}
		if (!le32_at(blk, off) || !blk[off + 6])
			continue;
		hash = ext2_dx_hash((const char *)blk + off + DIRENT_HEADER, blk[off + 6],
				    r->version, fs->hash_seed, &minor);
		c = cookie_of(hash, minor);
		if (c < r->start)
			continue;
		/* insertion: a leaf holds at most bsize / 12 entries */
		for (i = n; i > 0 && r->ents[i - 1].cookie > c; i--)
			r->ents[i] = r->ents[i - 1];
		r->ents[i].cookie = c;
		r->ents[i].off = (uint32_t)off;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		if (emit_one(r, blk, r->ents[i].off, r->ents[i].cookie))
			return 1;
	}
	return 0;
}

struct dx_level {
	uint8_t *blk;
	size_t count_off;
	unsigned idx, count;
};

/* Load index node `lblk` into level `l`: 0, -EAGAIN (not an index node),
 * -EBADMSG, -EIO. */
static int load_node(struct ext2_inode *dir, struct dx_level *lv, uint32_t lblk)
{
	struct ext2_fs *fs = dir->fs;
	int err;

	if ((uint64_t)lblk >= dir->size >> fs->log_bsize)
		return -EAGAIN;
	err = ext2_dir_read_leaf(dir, lblk, lv->blk);
	if (err)
		return err;
	if (le32_at(lv->blk, 0) != 0 || le16_at(lv->blk, 4) != fs->bsize)
		return -EAGAIN;
	lv->count_off = DX_NODE_ENTRIES;
	lv->count = le16_at(lv->blk, DX_NODE_ENTRIES + 2);
	if (lv->count == 0 || lv->count > le16_at(lv->blk, DX_NODE_ENTRIES) ||
	    DX_NODE_ENTRIES + (size_t)le16_at(lv->blk, DX_NODE_ENTRIES) * 8 > fs->bsize)
		return -EAGAIN;
	if (!ext2_dx_csum_ok(dir, lv->blk, DX_NODE_ENTRIES))
		return -EBADMSG;
	return 0;
}

static uint32_t entry_block(const struct dx_level *lv)
{
	return le32_at(lv->blk, lv->count_off + (size_t)lv->idx * 8 + 4);
}

static int indexed_readdir(struct dx_read *r, struct dx_level *lv, uint8_t *leaf)
{
	struct ext2_inode *dir = r->dir;
	struct ext2_fs *fs = dir->fs;
	unsigned levels, max = (fs->incompat & INCOMPAT_LARGEDIR) ? 3 : 2;
	uint32_t start_hash = (uint32_t)(r->start >> 32) << 1;
	int err = ext2_dir_read_leaf(dir, 0, lv[0].blk), l;

	if (err)
		return err;
	r->version = lv[0].blk[DX_ROOT_INFO + 4];
	levels = lv[0].blk[DX_ROOT_INFO + 6] + 1u;
	if (le32_at(lv[0].blk, DX_ROOT_INFO) != 0 || lv[0].blk[DX_ROOT_INFO + 5] != 8 ||
	    r->version > DX_HASH_TEA || levels > max)
		return -EAGAIN;
	if (!ext2_dx_csum_ok(dir, lv[0].blk, DX_ROOT_ENTRIES))
		return -EBADMSG;
	if (fs->hash_unsigned)
		r->version += DX_HASH_LEGACY_UNSIGNED;
	lv[0].count_off = DX_ROOT_ENTRIES;
	lv[0].count = le16_at(lv[0].blk, DX_ROOT_ENTRIES + 2);
	/* "." and ".." from the root block, with the hashes Linux gives them */
	if (le16_at(lv[0].blk, 4) != 12 || emit_one(r, lv[0].blk, 0, cookie_of(0, 0)) ||
	    emit_one(r, lv[0].blk, 12, cookie_of(2, 0)))
		return le16_at(lv[0].blk, 4) != 12 ? -EAGAIN : 0;
	for (unsigned i = 0; i < levels; i++) {
		err = ext2_dx_pick(lv[i].blk, fs->bsize, lv[i].count_off, start_hash, &lv[i].idx);
		if (!err && i + 1 < levels)
			err = load_node(dir, &lv[i + 1], entry_block(&lv[i]));
		if (err)
			return err;
	}
	for (;;) {
		uint32_t blk = entry_block(&lv[levels - 1]);

		if ((uint64_t)blk >= dir->size >> fs->log_bsize)
			return -EAGAIN;
		err = ext2_dir_read_leaf(dir, blk, leaf);
		if (err)
			return err;
		if (emit_leaf(r, leaf, 0))
			return 0;
		/* the next leaf: the next entry at the deepest level that has one */
		for (l = (int)levels - 1; l >= 0 && ++lv[l].idx >= lv[l].count; l--)
			;
		if (l < 0)
			break;
		for (unsigned d = (unsigned)l + 1; d < levels; d++) {
			err = load_node(dir, &lv[d], entry_block(&lv[d - 1]));
			if (err)
				return err;
			lv[d].idx = 0;
		}
	}
	*r->pos = DX_EOF_64;
	return 0;
}

int ext2_dx_readdir(struct ext2_inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	struct ext2_fs *fs = dir->fs;
	struct dx_read r = {.dir = dir, .start = *pos, .pos = pos, .emit = emit, .ctx = ctx};
	struct dx_level lv[DX_MAX_DEPTH];
	uint8_t *leaf = ext2_block_alloc(fs);
	int err = -ENOMEM;

	if (*pos >= DX_EOF_64) {
		ext2_block_free(fs, leaf);
		return 0;
	}
	memset(lv, 0, sizeof(lv));
	r.ents = svc_alloc(fs->cap, (fs->bsize / 12 + 1) * sizeof(*r.ents));
	for (int i = 0; i < DX_MAX_DEPTH; i++)
		lv[i].blk = ext2_block_alloc(fs);
	if (!leaf || !r.ents || !lv[0].blk || !lv[1].blk || !lv[2].blk)
		goto out;
	if (dir->flags & INODE_FL_INDEX) {
		err = indexed_readdir(&r, lv, leaf);
	} else {
		/* one block, not indexed: its entries, "." and ".." too, in hash order */
		r.version = fs->def_hash;
		if (r.version <= DX_HASH_TEA && fs->hash_unsigned)
			r.version += DX_HASH_LEGACY_UNSIGNED;
		err = ext2_dir_read_leaf(dir, 0, leaf);
		if (!err && !emit_leaf(&r, leaf, 0))
			*pos = DX_EOF_64;
	}
out:
	for (int i = 0; i < DX_MAX_DEPTH; i++)
		ext2_block_free(fs, lv[i].blk);
	svc_free(fs->cap, r.ents);
	ext2_block_free(fs, leaf);
	return err;
}
