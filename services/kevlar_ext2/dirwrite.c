/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Changing directories: adding an entry (into a free record or the slack
 * of a live one, else into a new block appended to the directory), removing
 * one (its record joins the one before it, or a first entry is marked
 * free with inode 0), pointing one at another inode (rename), and the
 * questions rmdir and rename ask ("is it empty", "what does .. name").
 *
 * A directory of one block that fills up on a filesystem with dir_index
 * becomes an indexed one (dx_insert.c), as Linux's ext4 does; an indexed
 * directory is added to through its index.  With metadata_csum every leaf
 * keeps its 12-byte tail entry and checksum, recomputed at each write.
 *
 * Every block is checked as it is read (dir.c's rules) and a malformed
 * one is -EUCLEAN, never written back.  The caller holds fs->wlock and
 * runs in a transaction; the directory's times are the caller's.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"
#include "tx.h"

#define NO_PREV ((size_t)-1)

static bool indexed(const struct ext2_inode *ei)
{
	return (ei->flags & INODE_FL_INDEX) && (ei->fs->compat & COMPAT_DIR_INDEX);
}

uint8_t ext2_ftype(const struct ext2_fs *fs, uint32_t mode)
{
	static const uint8_t of_ifmt[16] = {
		[S_IFREG >> 12] = 1, [S_IFDIR >> 12] = 2,  [S_IFCHR >> 12] = 3, [S_IFBLK >> 12] = 4,
		[S_IFIFO >> 12] = 5, [S_IFSOCK >> 12] = 6, [S_IFLNK >> 12] = 7,
	};

	if (!(fs->incompat & INCOMPAT_FILETYPE))
		return 0;
	return of_ifmt[(mode & S_IFMT) >> 12];
}

size_t ext2_leaf_space(const struct ext2_fs *fs)
{
	return fs->bsize - (fs->csum ? DIRENT_TAIL_SIZE : 0);
}

void ext2_put_rec(const struct ext2_fs *fs, uint8_t *blk, size_t off, size_t rec)
{
	put_le16(blk, off + 4, rec == 65536 ? 65535 : (uint16_t)rec);
}

/* The smallest record that holds a name of `len` bytes. */
static size_t rec_for(size_t len)
{
	return (DIRENT_HEADER + len + 3) & ~(size_t)3;
}

void ext2_dirblock_tail(const struct ext2_inode *ei, uint8_t *blk)
{
	struct ext2_fs *fs = ei->fs;
	size_t t = fs->bsize - DIRENT_TAIL_SIZE;

	if (!fs->csum)
		return;
	memset(blk + t, 0, DIRENT_TAIL_SIZE);
	put_le16(blk, t + 4, DIRENT_TAIL_SIZE);
	blk[t + 7] = DIRENT_TAIL_FT;
	ext2_dirblock_csum_set(ei, blk);
}

static void put_entry(const struct ext2_fs *fs, uint8_t *blk, size_t off, size_t rec,
		      const char *name, size_t len, uint32_t ino, uint8_t ftype)
{
	put_le32(blk, off, ino);
	ext2_put_rec(fs, blk, off, rec);
	blk[off + 6] = (uint8_t)len;
	blk[off + 7] = ftype;
	memcpy(blk + off + DIRENT_HEADER, name, len);
	memset(blk + off + DIRENT_HEADER + len, 0, rec_for(len) - DIRENT_HEADER - len);
}

/* ext2_leaf_add, and where the entry went: its offset and the one before */
static int leaf_place(const struct ext2_fs *fs, uint8_t *blk, const char *name, size_t len,
		      uint32_t ino, uint8_t ftype, size_t *at, size_t *prev)
{
	size_t need = rec_for(len), end = ext2_leaf_space(fs), before = NO_PREV;
	unsigned rec;

	for (size_t off = 0; off < end; before = off, off += rec) {
		size_t used;

		if (!ext2_dirent_ok(fs, blk, off, &rec) || off + rec > end)
			return -EUCLEAN;
		used = le32_at(blk, off) ? rec_for(blk[off + 6]) : 0;
		if (rec - used < need)
			continue;
		if (used) {
			ext2_put_rec(fs, blk, off, used);
			before = off;
			off += used;
			rec -= (unsigned)used;
		}
		put_entry(fs, blk, off, rec, name, len, ino, ftype);
		*at = off;
		*prev = before;
		return 0;
	}
	return -ENOSPC;
}

int ext2_leaf_add(const struct ext2_fs *fs, uint8_t *blk, const char *name, size_t len,
		  uint32_t ino, uint8_t ftype)
{
	size_t at, prev;

	return leaf_place(fs, blk, name, len, ino, ftype, &at, &prev);
}

/* Which index array a directory block holds (its count's offset), 0 for
 * a leaf: the root is block 0 of an indexed directory, an inner node
 * looks like one empty record spanning the block. */
static size_t dx_count_off(const struct ext2_inode *dir, uint64_t lblk, const uint8_t *blk)
{
	if (!indexed(dir))
		return 0;
	if (lblk == 0)
		return DX_ROOT_ENTRIES;
	if (le32_at(blk, 0) == 0 && blk[6] == 0 &&
	    (le16_at(blk, 4) == dir->fs->bsize ||
	     (dir->fs->bsize == 65536 && le16_at(blk, 4) == 65535)))
		return DX_NODE_ENTRIES;
	return 0;
}

int ext2_dir_put(struct ext2_tx *tx, struct ext2_inode *dir, uint64_t lblk, uint8_t *buf,
		 size_t count_off, bool fresh)
{
	struct ext2_fs *fs = dir->fs;
	uint64_t pblk, run;
	struct svc_buf *b;
	int err = ext2_bmap(dir, lblk, &pblk, &run);

	if (err)
		return err;
	if (!pblk)
		return -EUCLEAN;
	ext2_dir_changed(dir);
	if (!count_off)
		count_off = dx_count_off(dir, lblk, buf);
	if (count_off)
		ext2_dx_csum_set(dir, buf, (unsigned)count_off);
	else
		ext2_dirblock_csum_set(dir, buf);
	b = fresh ? ext2_tx_new(tx, pblk, &err) : ext2_tx_bread(tx, pblk, &err);
	if (!b)
		return err ? err : -EIO;
	ext2_tx_write(tx, b, 0, buf, fs->bsize);
	if (!count_off && fs->csum)
		svc_buf_set_verified(b); /* the leaf's checksum was set just now */
	svc_brelse(fs->cap, b);
	return 0;
}

static int append_block(struct ext2_tx *tx, struct ext2_inode *dir, uint8_t *blk, const char *name,
			size_t len, uint32_t ino, uint8_t ftype)
{
	struct ext2_fs *fs = dir->fs;
	uint64_t lblk = dir->size >> fs->log_bsize, pblk;
	uint32_t got;
	int err = ext2_bmap_alloc(tx, dir, lblk, 1, true, &pblk, &got);

	if (err)
		return err;
	memset(blk, 0, fs->bsize);
	put_entry(fs, blk, 0, ext2_leaf_space(fs), name, len, ino, ftype);
	ext2_dirblock_tail(dir, blk);
	dir->size += fs->bsize;
	err = ext2_dir_put(tx, dir, lblk, blk, 0, true);
	if (!err)
		err = ext2_inode_write(tx, dir);
	if (!err) {
		struct ext2_dirslot slot = {
			.lblk = lblk, .off = 0, .prev = NO_PREV, .ftype = ftype};

		ext2_ncache_set(dir, name, len, ino, &slot);
	}
	return err;
}

int ext2_dir_add(struct ext2_tx *tx, struct ext2_inode *dir, const char *name, size_t len,
		 uint32_t ino, uint32_t mode)
{
	struct ext2_fs *fs = dir->fs;
	uint8_t ftype = ext2_ftype(fs, mode);
	uint64_t nblocks = dir->size >> fs->log_bsize;
	uint8_t *blk;
	int err = 0;

	if (indexed(dir)) {
		err = ext2_dx_add(tx, dir, name, len, ino, ftype);
		goto out_named;
	}
	blk = ext2_block_alloc(fs);
	if (!blk)
		return -ENOMEM;
	for (uint64_t b = 0; b < nblocks; b++) {
		struct ext2_dirslot slot = {.lblk = b, .ftype = ftype};

		err = ext2_dir_read_leaf(dir, b, blk);
		if (!err)
			err = leaf_place(fs, blk, name, len, ino, ftype, &slot.off, &slot.prev);
		if (!err) {
			err = ext2_dir_put(tx, dir, b, blk, 0, false);
			if (!err) /* the cache learns where, for an unlink to come */
				ext2_ncache_set(dir, name, len, ino, &slot);
			goto out;
		}
		if (err != -ENOSPC)
			goto out;
	}
	if ((fs->compat & COMPAT_DIR_INDEX) && nblocks == 1) {
		/* Linux indexes a directory when its first block fills */
		err = ext2_dx_make_indexed(tx, dir);
		if (!err)
			err = ext2_dx_add(tx, dir, name, len, ino, ftype);
		if (err != -EAGAIN) {
			ext2_block_free(fs, blk);
			goto out_named;
		}
		/* a "." that leaves no room for the index root: stay linear */
	}
	err = append_block(tx, dir, blk, name, len, ino, ftype);
out:
	ext2_block_free(fs, blk);
	return err;
out_named:
	if (!err)
		ext2_ncache_set(dir, name, len, ino, NULL);
	return err;
}

/* Search a block for `name`: 1 and its offset and the one before, 0 if
 * absent, -EUCLEAN for a malformed block. */
static int block_find(const struct ext2_fs *fs, const uint8_t *blk, const char *name, size_t len,
		      size_t *at, size_t *prev)
{
	size_t before = NO_PREV;
	unsigned rec;

	for (size_t off = 0; off < fs->bsize; off += rec) {
		if (!ext2_dirent_ok(fs, blk, off, &rec))
			return -EUCLEAN;
		if (le32_at(blk, off) && blk[off + 6] == len &&
		    !memcmp(blk + off + DIRENT_HEADER, name, len)) {
			*at = off;
			*prev = before;
			return 1;
		}
		before = off;
	}
	return 0;
}

static int find_in(struct ext2_inode *dir, uint64_t lblk, uint8_t *blk, const char *name,
		   size_t len, struct ext2_dirslot *slot)
{
	int err = ext2_dir_read_leaf(dir, lblk, blk);

	if (err)
		return err;
	if (dx_count_off(dir, lblk, blk) == DX_NODE_ENTRIES)
		return 0;
	err = block_find(dir->fs, blk, name, len, &slot->off, &slot->prev);
	if (err > 0) {
		slot->lblk = lblk;
		slot->ino = le32_at(blk, slot->off);
		slot->ftype = blk[slot->off + 7];
	}
	return err;
}

int ext2_dir_find(struct ext2_inode *dir, const char *name, size_t len, struct ext2_dirslot *slot)
{
	struct ext2_fs *fs = dir->fs;
	uint64_t nblocks = dir->size >> fs->log_bsize, hint = UINT64_MAX;
	uint8_t *blk;
	int err = ext2_ncache_find(dir, name, len, slot);

	if (err <= 0)
		return err;
	err = 0;
	blk = ext2_dir_scratch(fs);
	if (!blk)
		return -ENOMEM;
	if (indexed(dir) && !ext2_dx_find_leaf(dir, name, len, &hint)) {
		err = find_in(dir, hint, blk, name, len, slot);
		if (err)
			goto out;
	}
	/* not where the index points (a hash spilled into the next leaf,
	 * or no index): every block, as Linux falls back */
	for (uint64_t b = 0; b < nblocks; b++) {
		if (b == hint)
			continue;
		err = find_in(dir, b, blk, name, len, slot);
		if (err)
			goto out;
	}
out:
	if (err == 0) {
		ext2_ncache_set(dir, name, len, 0, NULL);
		return -ENOENT;
	}
	if (err > 0)
		ext2_ncache_set(dir, name, len, slot->ino, slot);
	return err < 0 ? err : 0;
}

/* Read the block of `slot` and check the entry is still the one found. */
static int slot_block(struct ext2_inode *dir, const struct ext2_dirslot *slot, uint8_t *blk)
{
	unsigned rec;
	int err = ext2_dir_read_leaf(dir, slot->lblk, blk);

	if (err)
		return err;
	if (!ext2_dirent_ok(dir->fs, blk, slot->off, &rec) || le32_at(blk, slot->off) != slot->ino)
		return -EUCLEAN;
	if (slot->prev != NO_PREV && !ext2_dirent_ok(dir->fs, blk, slot->prev, &rec))
		return -EUCLEAN;
	return 0;
}

int ext2_dir_remove(struct ext2_tx *tx, struct ext2_inode *dir, const struct ext2_dirslot *slot)
{
	struct ext2_fs *fs = dir->fs;
	uint8_t *blk = ext2_dir_scratch(fs);
	unsigned rec, prev_rec;
	int err;

	if (!blk)
		return -ENOMEM;
	err = slot_block(dir, slot, blk);
	if (err)
		goto out;
	(void)ext2_dirent_ok(fs, blk, slot->off, &rec);
	/* the name is wiped, as Linux does, so nothing reads it again */
	if (slot->prev != NO_PREV) {
		(void)ext2_dirent_ok(fs, blk, slot->prev, &prev_rec);
		ext2_put_rec(fs, blk, slot->prev, (size_t)prev_rec + rec);
		memset(blk + slot->off, 0, rec);
	} else {
		put_le32(blk, slot->off, 0);
		memset(blk + slot->off + 6, 0, rec - 6);
	}
	err = ext2_dir_put(tx, dir, slot->lblk, blk, 0, false);
out:
	return err;
}

int ext2_dir_retarget(struct ext2_tx *tx, struct ext2_inode *dir, const struct ext2_dirslot *slot,
		      uint32_t ino, uint32_t mode)
{
	struct ext2_fs *fs = dir->fs;
	uint8_t *blk = ext2_block_alloc(fs);
	int err;

	if (!blk)
		return -ENOMEM;
	err = slot_block(dir, slot, blk);
	if (!err) {
		put_le32(blk, slot->off, ino);
		blk[slot->off + 7] = ext2_ftype(fs, mode);
		err = ext2_dir_put(tx, dir, slot->lblk, blk, 0, false);
	}
	ext2_block_free(fs, blk);
	return err;
}

int ext2_dir_is_empty(struct ext2_inode *dir)
{
	struct ext2_fs *fs = dir->fs;
	uint64_t nblocks = dir->size >> fs->log_bsize;
	uint8_t *blk = ext2_block_alloc(fs);
	int ret = 1;

	if (!blk)
		return -ENOMEM;
	for (uint64_t b = 0; b < nblocks && ret == 1; b++) {
		unsigned rec, n = 0;
		int err = ext2_dir_read_leaf(dir, b, blk);

		if (err) {
			ret = err;
			break;
		}
		if (dx_count_off(dir, b, blk) == DX_NODE_ENTRIES)
			continue;
		for (size_t off = 0; off < fs->bsize; off += rec, n++) {
			if (!ext2_dirent_ok(fs, blk, off, &rec)) {
				ret = -EUCLEAN;
				break;
			}
			if (b == 0 && n < 2)
				continue; /* "." and ".." */
			if (le32_at(blk, off)) {
				ret = 0;
				break;
			}
		}
	}
	ext2_block_free(fs, blk);
	return ret;
}

/* Block 0 with ".." checked: its offset in *at. */
static int dotdot(struct ext2_inode *dir, uint8_t *blk, size_t *at)
{
	struct ext2_fs *fs = dir->fs;
	unsigned rec, rec2;
	int err = ext2_dir_read_leaf(dir, 0, blk);

	if (err)
		return err;
	if (!ext2_dirent_ok(fs, blk, 0, &rec) || blk[6] != 1 || blk[8] != '.' ||
	    !ext2_dirent_ok(fs, blk, rec, &rec2) || blk[rec + 6] != 2 ||
	    memcmp(blk + rec + DIRENT_HEADER, "..", 2)) {
		svc_log("EXT4-fs error (device %s): inode #%u: bad '.' or '..' entry",
			fs->sb->source, dir->ino);
		return -EUCLEAN;
	}
	*at = rec;
	return 0;
}

int ext2_dir_parent(struct ext2_inode *dir, uint32_t *parent)
{
	uint8_t *blk = ext2_block_alloc(dir->fs);
	size_t at;
	int err;

	if (!blk)
		return -ENOMEM;
	err = dotdot(dir, blk, &at);
	if (!err)
		*parent = le32_at(blk, at);
	ext2_block_free(dir->fs, blk);
	return err;
}

int ext2_dir_set_parent(struct ext2_tx *tx, struct ext2_inode *dir, uint32_t parent)
{
	uint8_t *blk = ext2_block_alloc(dir->fs);
	size_t at;
	int err;

	if (!blk)
		return -ENOMEM;
	err = dotdot(dir, blk, &at);
	if (!err) {
		put_le32(blk, at, parent);
		err = ext2_dir_put(tx, dir, 0, blk, 0, false);
	}
	ext2_block_free(dir->fs, blk);
	return err;
}
