/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Adding to a hash-indexed directory (htree), as Linux's ext4 keeps the
 * index: the name's hash picks a path from the root (block 0) through at
 * most one level of index nodes (two with largedir) to a leaf; a leaf
 * with room takes the entry.  A full leaf is split: its entries are
 * sorted by hash, the upper part (about half the bytes) moves to a new
 * block, and the parent gains an index entry for it with the first moved
 * hash, its low bit set when the hash continues from the entry before
 * (the "continued" mark that sends a lookup on to the next leaf).  A full
 * index node is split the same way into its parent; a full root moves
 * its entries into a new node below it and points at that one (a level
 * more, up to the limit; then the directory is full: -ENOSPC, as Linux's
 * "Directory index full!").  After each growth the walk starts again from
 * the root, so every step works on a consistent index.
 *
 * A one-block linear directory that fills is converted first (Linux's
 * make_indexed_dir): its entries after ".." move to a new block 1 and
 * block 0 becomes the root with one index entry.  Index blocks carry a
 * dx_tail checksum with metadata_csum, leaves their dirent tail.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"
#include "tx.h"

#define MAX_LEVELS 3

struct frame {
	uint64_t lblk;
	uint8_t *blk;
	size_t count_off;
	unsigned at; /* the entry followed */
};

struct dx_path {
	struct frame f[MAX_LEVELS];
	unsigned n; /* frames in use: 1 + the root's indirect levels */
	uint64_t leaf;
	uint32_t hash;
	unsigned version;
};

static unsigned count_of(const struct frame *f)
{
	return le16_at(f->blk, f->count_off + 2);
}

static unsigned limit_of(const struct frame *f)
{
	return le16_at(f->blk, f->count_off);
}

static unsigned root_limit(const struct ext2_fs *fs)
{
	return (fs->bsize - DX_ROOT_ENTRIES - (fs->csum ? 8 : 0)) / 8;
}

static unsigned node_limit(const struct ext2_fs *fs)
{
	return (fs->bsize - DX_NODE_ENTRIES - (fs->csum ? 8 : 0)) / 8;
}

static unsigned max_levels(const struct ext2_fs *fs)
{
	return (fs->incompat & INCOMPAT_LARGEDIR) ? 3 : 2;
}

static int corrupt(struct ext2_inode *dir, const char *what)
{
	svc_log("EXT4-fs error (device %s): inode #%u: dx_probe: %s", dir->fs->sb->source, dir->ino,
		what);
	return -EUCLEAN;
}

/* Walk from the root to the leaf for `name`; the frames' buffers are
 * the caller's (bsize bytes each). */
static int probe(struct ext2_inode *dir, const char *name, size_t len, struct dx_path *p)
{
	struct ext2_fs *fs = dir->fs;
	uint64_t nblocks = dir->size >> fs->log_bsize;
	uint8_t *root = p->f[0].blk;
	unsigned levels;
	int err = ext2_dir_read_leaf(dir, 0, root);

	if (err)
		return err;
	p->version = root[DX_ROOT_INFO + 4];
	levels = root[DX_ROOT_INFO + 6];
	if (le32_at(root, DX_ROOT_INFO) != 0 || root[DX_ROOT_INFO + 5] != 8 ||
	    p->version > DX_HASH_TEA || levels >= max_levels(fs))
		return corrupt(dir, "bad root info");
	if (le16_at(root, DX_ROOT_ENTRIES) != root_limit(fs))
		return corrupt(dir, "dx entry: limit != root limit");
	if (!ext2_dx_csum_ok(dir, root, DX_ROOT_ENTRIES))
		return -EBADMSG;
	if (fs->hash_unsigned)
		p->version += DX_HASH_LEGACY_UNSIGNED;
	p->hash = ext2_dx_hash(name, len, p->version, fs->hash_seed, NULL);
	p->n = levels + 1;
	p->f[0].lblk = 0;
	p->f[0].count_off = DX_ROOT_ENTRIES;
	for (unsigned i = 0;; i++) {
		struct frame *f = &p->f[i];
		uint64_t next;

		if (ext2_dx_pick(f->blk, fs->bsize, f->count_off, p->hash, &f->at))
			return corrupt(dir, "bad index count");
		next = le32_at(f->blk, f->count_off + (size_t)f->at * 8 + 4);
		if (next == 0 || next >= nblocks)
			return corrupt(dir, "index points past the directory");
		if (i + 1 == p->n) {
			p->leaf = next;
			return 0;
		}
		f = &p->f[i + 1];
		f->lblk = next;
		f->count_off = DX_NODE_ENTRIES;
		err = ext2_dir_read_leaf(dir, next, f->blk);
		if (err)
			return err;
		if (le32_at(f->blk, 0) != 0 || f->blk[6] != 0 ||
		    le16_at(f->blk, DX_NODE_ENTRIES) != node_limit(fs))
			return corrupt(dir, "bad index node");
		if (!ext2_dx_csum_ok(dir, f->blk, DX_NODE_ENTRIES))
			return -EBADMSG;
	}
}

static void path_free(struct ext2_fs *fs, struct dx_path *p)
{
	for (unsigned i = 0; i < MAX_LEVELS; i++)
		ext2_block_free(fs, p->f[i].blk);
}

static int path_alloc(struct ext2_fs *fs, struct dx_path *p)
{
	memset(p, 0, sizeof(*p));
	for (unsigned i = 0; i < MAX_LEVELS; i++) {
		p->f[i].blk = ext2_block_alloc(fs);
		if (!p->f[i].blk) {
			path_free(fs, p);
			return -ENOMEM;
		}
	}
	return 0;
}

int ext2_dx_find_leaf(struct ext2_inode *dir, const char *name, size_t len, uint64_t *lblk)
{
	struct dx_path p;
	int err = path_alloc(dir->fs, &p);

	if (err)
		return err;
	err = probe(dir, name, len, &p);
	if (!err)
		*lblk = p.leaf;
	path_free(dir->fs, &p);
	return err;
}

/* Put (hash, block) at position `pos` of an index array with room. */
static void insert_entry(struct frame *f, unsigned pos, uint32_t hash, uint32_t block)
{
	unsigned count = count_of(f);
	uint8_t *e = f->blk + f->count_off + (size_t)pos * 8;

	memmove(e + 8, e, (size_t)(count - pos) * 8);
	put_le32(e, 0, hash);
	put_le32(e, 4, block);
	put_le16(f->blk, f->count_off + 2, (uint16_t)(count + 1));
}

/* A new block at the directory's end, its number in *lblk. */
static int grow(struct ext2_tx *tx, struct ext2_inode *dir, uint64_t *lblk)
{
	uint64_t pblk;
	uint32_t got;
	int err;

	*lblk = dir->size >> dir->fs->log_bsize;
	if (*lblk >= UINT32_MAX)
		return -ENOSPC;
	err = ext2_bmap_alloc(tx, dir, *lblk, 1, true, &pblk, &got);
	if (!err)
		dir->size += dir->fs->bsize;
	return err;
}

/* An empty index node holding `count` entries copied from `src`. */
static void node_init(const struct ext2_fs *fs, uint8_t *nb, const uint8_t *src, unsigned count)
{
	memset(nb, 0, fs->bsize);
	ext2_put_rec(fs, nb, 0, fs->bsize);
	memcpy(nb + DX_NODE_ENTRIES, src, (size_t)count * 8);
	put_le16(nb, DX_NODE_ENTRIES, (uint16_t)node_limit(fs));
	put_le16(nb, DX_NODE_ENTRIES + 2, (uint16_t)count);
}

/* The root is full: its entries move into a new node below it. */
static int add_level(struct ext2_tx *tx, struct ext2_inode *dir, struct dx_path *p, uint8_t *nb)
{
	struct ext2_fs *fs = dir->fs;
	struct frame *root = &p->f[0];
	uint64_t lblk;
	int err = grow(tx, dir, &lblk);

	if (err)
		return err;
	node_init(fs, nb, root->blk + DX_ROOT_ENTRIES, count_of(root));
	put_le16(root->blk, DX_ROOT_ENTRIES + 2, 1);
	put_le32(root->blk, DX_ROOT_ENTRIES + 4, (uint32_t)lblk);
	root->blk[DX_ROOT_INFO + 6]++;
	err = ext2_dir_put(tx, dir, lblk, nb, DX_NODE_ENTRIES, true);
	if (!err)
		err = ext2_dir_put(tx, dir, 0, root->blk, DX_ROOT_ENTRIES, false);
	if (!err)
		err = ext2_inode_write(tx, dir);
	return err;
}

/* Frame i (a full node) gives its upper half to a new node; frame i - 1
 * has room for the entry that points there. */
static int split_node(struct ext2_tx *tx, struct ext2_inode *dir, struct dx_path *p, unsigned i,
		      uint8_t *nb)
{
	struct ext2_fs *fs = dir->fs;
	struct frame *f = &p->f[i], *parent = &p->f[i - 1];
	unsigned count = count_of(f), move = count / 2;
	const uint8_t *from = f->blk + f->count_off + (size_t)(count - move) * 8;
	uint32_t hash = le32_at(from, 0);
	uint64_t lblk;
	int err = grow(tx, dir, &lblk);

	if (err)
		return err;
	node_init(fs, nb, from, move);
	put_le16(f->blk, f->count_off + 2, (uint16_t)(count - move));
	insert_entry(parent, parent->at + 1, hash, (uint32_t)lblk);
	err = ext2_dir_put(tx, dir, lblk, nb, DX_NODE_ENTRIES, true);
	if (!err)
		err = ext2_dir_put(tx, dir, f->lblk, f->blk, f->count_off, false);
	if (!err)
		err = ext2_dir_put(tx, dir, parent->lblk, parent->blk, parent->count_off, false);
	if (!err)
		err = ext2_inode_write(tx, dir);
	return err;
}

struct mapent {
	uint32_t hash;
	uint16_t off, size;
};

/* Shell sort by hash, keeping it short: a leaf holds at most a few
 * thousand entries (64 KiB of 12-byte records). */
static void sort_map(struct mapent *m, unsigned n)
{
	for (unsigned gap = n / 2; gap > 0; gap /= 2) {
		for (unsigned i = gap; i < n; i++) {
			struct mapent t = m[i];
			unsigned j = i;

			for (; j >= gap && m[j - gap].hash > t.hash; j -= gap)
				m[j] = m[j - gap];
			m[j] = t;
		}
	}
}

/* Lay entries m[0..n) of `src` out packed in `dst`, the last one
 * reaching the end of the leaf's space. */
static void pack(struct ext2_inode *dir, uint8_t *dst, const uint8_t *src, const struct mapent *m,
		 unsigned n)
{
	struct ext2_fs *fs = dir->fs;
	size_t at = 0, space = ext2_leaf_space(fs);

	memset(dst, 0, fs->bsize);
	for (unsigned i = 0; i < n; i++) {
		memcpy(dst + at, src + m[i].off, m[i].size);
		ext2_put_rec(fs, dst, at, i + 1 == n ? space - at : m[i].size);
		at += m[i].size;
	}
	if (n == 0)
		ext2_put_rec(fs, dst, 0, space);
	ext2_dirblock_tail(dir, dst);
}

/* The leaf (in lb) is full: move about half its bytes, the highest
 * hashes, to a new leaf, indexed in the deepest frame (which has room). */
static int split_leaf(struct ext2_tx *tx, struct ext2_inode *dir, struct dx_path *p, uint8_t *lb,
		      uint8_t *nb)
{
	struct ext2_fs *fs = dir->fs;
	struct frame *f = &p->f[p->n - 1];
	size_t space = ext2_leaf_space(fs), moved = 0;
	unsigned n = 0, split;
	struct mapent *m = svc_alloc(fs->cap, (fs->bsize / 12 + 1) * sizeof(*m));
	uint8_t *ob = ext2_block_alloc(fs);
	uint32_t hash2;
	uint64_t lblk;
	unsigned rec;
	int err = -ENOMEM;

	if (!m || !ob)
		goto out;
	for (size_t off = 0; off < space; off += rec) {
		if (!ext2_dirent_ok(fs, lb, off, &rec) || off + rec > space) {
			err = -EUCLEAN;
			goto out;
		}
		if (!le32_at(lb, off))
			continue;
		m[n].hash = ext2_dx_hash((const char *)lb + off + DIRENT_HEADER, lb[off + 6],
					 p->version, fs->hash_seed, NULL);
		m[n].off = (uint16_t)off;
		m[n].size = (uint16_t)((DIRENT_HEADER + lb[off + 6] + 3) & ~3u);
		n++;
	}
	if (n < 2) {
		err = -ENOSPC; /* one name filling a block: nothing to split */
		goto out;
	}
	sort_map(m, n);
	split = n;
	while (split > 1 && moved + m[split - 1].size / 2 <= fs->bsize / 2)
		moved += m[--split].size;
	if (split == n)
		split = n - 1;
	hash2 = m[split].hash;
	if (m[split - 1].hash == hash2)
		hash2 |= 1; /* the hash continues in the new leaf */
	err = grow(tx, dir, &lblk);
	if (err)
		goto out;
	pack(dir, nb, lb, m + split, n - split);
	pack(dir, ob, lb, m, split);
	insert_entry(f, f->at + 1, hash2, (uint32_t)lblk);
	err = ext2_dir_put(tx, dir, lblk, nb, 0, true);
	if (!err)
		err = ext2_dir_put(tx, dir, p->leaf, ob, 0, false);
	if (!err)
		err = ext2_dir_put(tx, dir, f->lblk, f->blk, f->count_off, false);
	if (!err)
		err = ext2_inode_write(tx, dir);
out:
	ext2_block_free(fs, ob);
	svc_free(fs->cap, m);
	return err;
}

/* Make room for one more entry under the path's leaf. */
static int make_room(struct ext2_tx *tx, struct ext2_inode *dir, struct dx_path *p, uint8_t *lb,
		     uint8_t *nb)
{
	unsigned i = p->n - 1;

	if (count_of(&p->f[i]) < limit_of(&p->f[i]))
		return split_leaf(tx, dir, p, lb, nb);
	while (i > 0 && count_of(&p->f[i - 1]) >= limit_of(&p->f[i - 1]))
		i--;
	if (i > 0)
		return split_node(tx, dir, p, i, nb);
	if (p->n >= max_levels(dir->fs)) {
		svc_log("EXT4-fs warning (device %s): ext4_dx_add_entry: Directory (ino: %u) "
			"index full, reach max htree level :%u",
			dir->fs->sb->source, dir->ino, p->n);
		return -ENOSPC;
	}
	return add_level(tx, dir, p, nb);
}

int ext2_dx_add(struct ext2_tx *tx, struct ext2_inode *dir, const char *name, size_t len,
		uint32_t ino, uint8_t ftype)
{
	struct ext2_fs *fs = dir->fs;
	uint8_t *lb = ext2_block_alloc(fs), *nb = ext2_block_alloc(fs);
	struct dx_path p;
	int err = -ENOMEM;

	if (!lb || !nb || path_alloc(fs, &p))
		goto out_free;
	/* each round either adds the entry or grows the tree by a block;
	 * a few rounds reach any leaf with room */
	for (int round = 0; round < 8; round++) {
		err = probe(dir, name, len, &p);
		if (!err)
			err = ext2_dir_read_leaf(dir, p.leaf, lb);
		if (!err)
			err = ext2_leaf_add(fs, lb, name, len, ino, ftype);
		if (!err) {
			err = ext2_dir_put(tx, dir, p.leaf, lb, 0, false);
			break;
		}
		if (err != -ENOSPC)
			break;
		err = make_room(tx, dir, &p, lb, nb);
		if (err)
			break;
		err = -ENOSPC;
	}
	path_free(fs, &p);
out_free:
	ext2_block_free(fs, nb);
	ext2_block_free(fs, lb);
	return err;
}

int ext2_dx_make_indexed(struct ext2_tx *tx, struct ext2_inode *dir)
{
	struct ext2_fs *fs = dir->fs;
	uint8_t *root = ext2_block_alloc(fs), *nb = ext2_block_alloc(fs);
	size_t space = ext2_leaf_space(fs), start, last = 0;
	unsigned rec1, rec2, rec, version = fs->def_hash;
	uint64_t lblk;
	int err = -ENOMEM;

	if (!root || !nb)
		goto out;
	err = ext2_dir_read_leaf(dir, 0, root);
	if (err)
		goto out;
	if (!ext2_dirent_ok(fs, root, 0, &rec1) || rec1 != 12 ||
	    !ext2_dirent_ok(fs, root, rec1, &rec2) || root[rec1 + 6] != 2) {
		err = -EAGAIN; /* no room for the root's header after "." and ".." */
		goto out;
	}
	start = rec1 + rec2;
	if (start > space) {
		err = -EUCLEAN;
		goto out;
	}
	memset(nb, 0, fs->bsize);
	memcpy(nb, root + start, space - start);
	for (size_t off = 0; off < space - start; off += rec) {
		if (!ext2_dirent_ok(fs, nb, off, &rec)) {
			err = -EUCLEAN;
			goto out;
		}
		last = off;
	}
	ext2_put_rec(fs, nb, last, space - last);
	ext2_dirblock_tail(dir, nb);
	err = grow(tx, dir, &lblk);
	if (err)
		goto out;
	/* block 0 becomes the root: "." and a ".." covering the index */
	ext2_put_rec(fs, root, rec1, fs->bsize - rec1);
	memset(root + DX_ROOT_INFO, 0, fs->bsize - DX_ROOT_INFO);
	if (version > DX_HASH_TEA)
		version = version >= DX_HASH_LEGACY_UNSIGNED && version <= DX_HASH_TEA_UNSIGNED
				  ? version - DX_HASH_LEGACY_UNSIGNED
				  : DX_HASH_HALF_MD4;
	root[DX_ROOT_INFO + 4] = (uint8_t)version;
	root[DX_ROOT_INFO + 5] = 8;
	put_le16(root, DX_ROOT_ENTRIES, (uint16_t)root_limit(fs));
	put_le16(root, DX_ROOT_ENTRIES + 2, 1);
	put_le32(root, DX_ROOT_ENTRIES + 4, (uint32_t)lblk);
	dir->flags |= INODE_FL_INDEX;
	err = ext2_dir_put(tx, dir, lblk, nb, 0, true);
	if (!err)
		err = ext2_dir_put(tx, dir, 0, root, DX_ROOT_ENTRIES, false);
	if (!err)
		err = ext2_inode_write(tx, dir);
out:
	ext2_block_free(fs, nb);
	ext2_block_free(fs, root);
	return err;
}
