/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Directories: lookup (through the hash index when the directory has one,
 * htree.c, else a linear scan) and readdir.  Readdir reads in hash order
 * where Linux does (dx_readdir.c); elsewhere (no dir_index, or a linear
 * directory of several blocks) it walks the blocks in order and its
 * position is the byte offset of the next entry, so a position telldir()
 * gave back stays valid; one that does not fall on an entry (a stale
 * seekdir) resumes at the next entry of its block, as Linux's ext4 does.
 *
 * Every entry is checked before use (ext4's rules: a record at least 12
 * bytes, 4-aligned, holding its name, inside the block); a block with a
 * bad one stops there: readdir moves on to the next block, lookup fails
 * with -EUCLEAN.  With metadata_csum each leaf block ends in a tail entry
 * holding its checksum; a mismatch is -EBADMSG for lookup, and readdir
 * skips the block, as Linux does.
 *
 * The name cache stands in for Linux's dentry cache, which ring 1 does
 * not have: a lookup (and ext2_dir_find, for the write path) first asks a
 * per-mount table of the names found and missed, keyed by the
 * directory's generation, and reads no block when it answers.  A
 * directory gets a new generation whenever one of its blocks is written
 * (ext2_dir_put) or its inode is (size, flags, links), and whenever its
 * inode is read from the disk, so an entry of an older one is never
 * matched again; an op that changed the directory may record the name's
 * new state afterwards (as Linux instantiates or drops the dentry).  Only
 * answers are cached, never errors: a corrupt block is reported at each
 * lookup that reaches it.  The table is guarded by fs->wlock.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"

#define DT_UNKNOWN 0

/* ext4's file_type byte -> DT_* */
static const uint8_t dtype_of[8] = {DT_UNKNOWN, 8, 4, 2, 6, 1, 12, 10};

static bool indexed(const struct ext2_inode *ei)
{
	return (ei->flags & INODE_FL_INDEX) && (ei->fs->compat & COMPAT_DIR_INDEX);
}

/* ---- the name cache ---- */

#define NCACHE_SLOTS 512 /* a power of two */
#define NCACHE_NAME  40	 /* longer names are not cached */

struct ext2_nc_slot {
	uint64_t dgen; /* the directory's generation (unique per mount); 0: empty */
	uint8_t len;
	bool where; /* slot's place (lblk, off, prev) is known */
	char name[NCACHE_NAME];
	struct ext2_dirslot slot; /* slot.ino: what the name is, 0 if absent */
};

void ext2_ncache_init(struct ext2_fs *fs)
{
	fs->ncache = svc_alloc(fs->cap, NCACHE_SLOTS * sizeof(struct ext2_nc_slot));
}

void ext2_ncache_free(struct ext2_fs *fs)
{
	svc_free(fs->cap, fs->ncache);
	fs->ncache = NULL;
}

void ext2_dir_changed(struct ext2_inode *dir)
{
	dir->dgen = __atomic_add_fetch(&dir->fs->dgen_next, 1, __ATOMIC_RELAXED);
}

/* FNV-1a of the name, seeded with the generation */
static struct ext2_nc_slot *nc_slot(struct ext2_fs *fs, uint64_t gen, const char *name, size_t len)
{
	uint32_t h = 2166136261u ^ (uint32_t)(gen * 0x9e3779b97f4a7c15ull >> 32);

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)name[i]) * 16777619u;
	return &fs->ncache[h & (NCACHE_SLOTS - 1)];
}

static const struct ext2_nc_slot *nc_find(struct ext2_inode *dir, const char *name, size_t len)
{
	struct ext2_fs *fs = dir->fs;
	const struct ext2_nc_slot *s;

	if (!fs->ncache || !dir->dgen || len > NCACHE_NAME)
		return NULL;
	s = nc_slot(fs, dir->dgen, name, len);
	if (s->dgen != dir->dgen || s->len != len || memcmp(s->name, name, len))
		return NULL;
	return s;
}

void ext2_ncache_set(struct ext2_inode *dir, const char *name, size_t len, uint32_t ino,
		     const struct ext2_dirslot *slot)
{
	struct ext2_fs *fs = dir->fs;
	struct ext2_nc_slot *s;

	if (!fs->ncache || !dir->dgen || len > NCACHE_NAME)
		return;
	s = nc_slot(fs, dir->dgen, name, len);
	s->dgen = dir->dgen;
	s->len = (uint8_t)len;
	memcpy(s->name, name, len);
	s->where = slot != NULL;
	if (slot)
		s->slot = *slot;
	s->slot.ino = ino;
}

/* ext2_dir_find's half: -ENOENT (absent), 0 and *slot, or 1 (ask the disk) */
int ext2_ncache_find(struct ext2_inode *dir, const char *name, size_t len,
		     struct ext2_dirslot *slot)
{
	const struct ext2_nc_slot *s = nc_find(dir, name, len);

	if (!s)
		return 1;
	if (!s->slot.ino)
		return -ENOENT;
	if (!s->where)
		return 1;
	*slot = s->slot;
	return 0;
}

/* Whether the entry at `off` of a block is well formed; its rec_len in *rec. */
bool ext2_dirent_ok(const struct ext2_fs *fs, const uint8_t *blk, size_t off, unsigned *rec)
{
	unsigned r, name_len;

	if (off + DIRENT_HEADER > fs->bsize)
		return false;
	r = le16_at(blk, off + 4);
	if (fs->bsize == 65536 && (r == 65535 || r == 0))
		r = 65536; /* ext4's encoding of a 64 KiB record */
	name_len = blk[off + 6];
	if (r < 12 || (r & 3) || r < ((DIRENT_HEADER + name_len + 3) & ~3u) ||
	    off + r > fs->bsize || le32_at(blk, off) > fs->inodes_count)
		return false;
	*rec = r;
	return true;
}

/* The blocks of a directory that hold entries: not the root or inner
 * nodes of its hash index (they look like an empty record). */
static bool index_block(const struct ext2_inode *ei, uint64_t lblk, const uint8_t *blk)
{
	if (!indexed(ei))
		return false;
	if (lblk == 0)
		return false; /* the root: "." and ".." are real entries before the index */
	return le32_at(blk, 0) == 0 && le16_at(blk, 4) == ei->fs->bsize;
}

/* A leaf's checksum is computed once per cached copy, as Linux verifies a
 * buffer once: when it passes (or when ext2_dir_put has just set it) the
 * buffer is marked, and the mark goes with any change of its bytes or a
 * new read from the disk (svc_buf_set_verified). */
int ext2_dir_read_leaf(struct ext2_inode *ei, uint64_t lblk, uint8_t *buf)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t pblk, run;
	struct svc_buf *b;
	int err = ext2_bmap(ei, lblk, &pblk, &run);

	if (err)
		return err;
	if (!pblk) {
		svc_log("EXT4-fs error (device %s): inode #%u: lblock %llu: Directory hole found",
			fs->sb->source, ei->ino, (unsigned long long)lblk);
		return -EUCLEAN;
	}
	if (pblk >= fs->blocks_count)
		return -EUCLEAN;
	b = svc_bread(fs->cap, fs->bd, pblk, fs->bsize, &err);
	if (!b)
		return err == -EINVAL ? -EUCLEAN : -EIO;
	svc_buf_read(b, 0, buf, fs->bsize);
	if (fs->csum && !(indexed(ei) && lblk == 0) && !index_block(ei, lblk, buf) &&
	    !svc_buf_verified(b)) {
		if (!ext2_dirblock_csum_ok(ei, buf)) {
			svc_log("EXT4-fs error (device %s): inode #%u: block %llu: Directory "
				"block failed checksum",
				fs->sb->source, ei->ino, (unsigned long long)lblk);
			err = -EBADMSG;
		} else {
			svc_buf_set_verified(b);
		}
	}
	svc_brelse(fs->cap, b);
	return err;
}

/* As Linux searches a block: only the entry whose name matches is checked
 * whole (-EUCLEAN if it is bad); the others are only stepped over by
 * their record length, so a bad one elsewhere leaves the name not found. */
long ext2_dirblock_find(struct ext2_fs *fs, const uint8_t *blk, const char *name, size_t len)
{
	size_t off = 0;

	while (off + DIRENT_HEADER < fs->bsize) {
		unsigned rec = le16_at(blk, off + 4);

		if (off + DIRENT_HEADER + len <= fs->bsize && le32_at(blk, off) &&
		    blk[off + 6] == len && !memcmp(blk + off + DIRENT_HEADER, name, len))
			return ext2_dirent_ok(fs, blk, off, &rec) ? (long)le32_at(blk, off)
								  : -EUCLEAN;
		if (fs->bsize == 65536 && (rec == 65535 || rec == 0))
			rec = 65536;
		if (rec == 0)
			return -EUCLEAN; /* it would loop */
		off += rec;
	}
	return 0;
}

uint8_t *ext2_dir_scratch(struct ext2_fs *fs)
{
	if (!fs->dir_buf)
		fs->dir_buf = ext2_block_alloc(fs);
	return fs->dir_buf;
}

static long linear_find(struct ext2_inode *ei, const char *name, size_t len)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t nblocks = ei->size >> fs->log_bsize;
	uint8_t *blk = ext2_dir_scratch(fs);
	long found = 0;

	if (!blk)
		return -ENOMEM;
	for (uint64_t b = 0; b < nblocks && !found; b++) {
		int err = ext2_dir_read_leaf(ei, b, blk);

		if (err) {
			found = err;
			break;
		}
		if (!index_block(ei, b, blk))
			found = ext2_dirblock_find(fs, blk, name, len);
	}
	return found;
}

int ext2_dir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct ext2_inode *ei = EI(dir);
	struct ext2_fs *fs = ei->fs;
	long ino = -EAGAIN;

	const struct ext2_nc_slot *hit;

	svc_lock(fs->cap, fs->wlock); /* the blocks may be changing */
	hit = nc_find(ei, name, len);
	if (hit) {
		ino = hit->slot.ino;
	} else {
		if (indexed(ei) && !(name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'))))
			ino = ext2_dx_lookup(ei, name, len); /* "." and ".." sit before the index */
		if (ino == -EAGAIN)
			ino = linear_find(ei, name, len);
		if (ino >= 0 && ino <= UINT32_MAX)
			ext2_ncache_set(ei, name, len, (uint32_t)ino, NULL);
	}
	svc_unlock(fs->cap, fs->wlock);
	if (ino < 0)
		return (int)ino;
	if (ino == 0)
		return -ENOENT;
	if (ino != EXT2_ROOT_INO &&
	    ((uint32_t)ino < fs->first_ino || (uint32_t)ino > fs->inodes_count)) {
		svc_log("EXT4-fs error (device %s): ext4_lookup: inode #%u: bad inode number: %ld",
			fs->sb->source, ei->ino, ino);
		return -EUCLEAN;
	}
	return ext2_iget(fs, (uint32_t)ino, out);
}

/* Emit the entries of one block from byte `from` on; *pos follows. */
static int emit_block(struct ext2_inode *ei, const uint8_t *blk, uint64_t base, uint64_t *pos,
		      vfs_dirent_fn emit, void *ctx)
{
	struct ext2_fs *fs = ei->fs;
	size_t from = *pos - base;
	unsigned rec;

	for (size_t off = 0; off < fs->bsize; off += rec) {
		uint32_t ino;

		if (!ext2_dirent_ok(fs, blk, off, &rec)) {
			svc_log("EXT4-fs error (device %s): inode #%u: bad entry in directory",
				fs->sb->source, ei->ino);
			break;
		}
		if (off < from)
			continue;
		ino = le32_at(blk, off);
		if (ino && blk[off + 6]) {
			unsigned ft = (fs->incompat & INCOMPAT_FILETYPE) ? blk[off + 7] & 7 : 0;

			if (emit(ctx, (const char *)blk + off + DIRENT_HEADER, blk[off + 6], ino,
				 dtype_of[ft]))
				return 1;
		}
		*pos = base + off + rec;
	}
	*pos = base + fs->bsize;
	return 0;
}

/* Linux reads these in hash order (dx_readdir.c): an indexed directory,
 * or one of a single block, on a filesystem with dir_index. */
static bool hash_order(const struct ext2_inode *ei)
{
	return (ei->fs->compat & COMPAT_DIR_INDEX) &&
	       ((ei->flags & INODE_FL_INDEX) || ei->size >> ei->fs->log_bsize == 1);
}

/* Without fs->wlock: `emit` copies to user memory, and each block is read
 * whole from the cache, so a change running meanwhile shows as before or
 * after, never halfway (Linux's readdir gives no more than that either). */
int ext2_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	struct ext2_inode *ei = EI(dir);
	struct ext2_fs *fs = ei->fs;
	uint8_t *blk;
	int err = 0;

	if (hash_order(ei)) {
		err = ext2_dx_readdir(ei, pos, emit, ctx);
		if (err != -EAGAIN)
			return err;
		if (*pos != 0)
			return -EUCLEAN; /* the index went bad under a hash cookie */
		/* an index Linux would refuse too: read the blocks in order */
	}
	blk = ext2_block_alloc(fs);
	if (!blk)
		return -ENOMEM;
	while (*pos < ei->size) {
		uint64_t lblk = *pos >> fs->log_bsize, base = lblk << fs->log_bsize;

		err = ext2_dir_read_leaf(ei, lblk, blk);
		if (err == -EBADMSG || err == -EUCLEAN) {
			*pos = base + fs->bsize; /* skip the block, as Linux does */
			err = 0;
			continue;
		}
		if (err)
			break;
		if (index_block(ei, lblk, blk)) {
			*pos = base + fs->bsize;
			continue;
		}
		if (emit_block(ei, blk, base, pos, emit, ctx))
			break;
	}
	ext2_block_free(fs, blk);
	return err;
}
