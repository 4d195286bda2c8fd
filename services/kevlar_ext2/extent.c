/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Changing an ext4 extent tree (reading it is bmap.c's).  The tree is a
 * root of four entries in i_block and nodes of (bsize - 12) / 12 entries
 * below it, each with a checksum tail under metadata_csum; an index
 * entry's key is always the first logical block of its child, which
 * e2fsck checks.  Two primitives do all the work:
 *
 *   ext_insert maps a range that is a hole: it extends a neighbouring
 *   extent when the new one continues it (logically and physically, of
 *   the same kind), or inserts an entry, splitting full nodes on the way
 *   (an append moves only the last entry to the new node, so a file
 *   written in order packs its leaves) and growing the tree by one level
 *   when the root is full: the root's entries move to a new block and
 *   the root points to it.
 *
 *   ext_remove unmaps a range, freeing its blocks or not (a conversion
 *   between written and unwritten re-inserts them): whole extents go,
 *   partly covered ones shrink or split, and a node left empty is freed
 *   and taken out of its parent; an empty tree becomes a depth-0 root.
 *
 * Each step re-reads the path from the root (nodes are small and cached),
 * so no step works on a stale copy after another changed the tree.  The
 * root lives in ei->raw: the caller's ext2_inode_write puts it on the
 * disk (every exported call here does so itself).  fs->wlock held.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"
#include "tx.h"

#define EXT_MAGIC	   0xf30a
#define EXT_MAX_DEPTH	   5
#define EXT_INIT_MAX_LEN   32768u
#define EXT_UNWRIT_MAX_LEN 32767u
#define EXT_ROOT_MAX	   4
#define LBLK_LIMIT	   (1ull << 32)

struct level {
	uint8_t *node; /* the root in ei->raw, or a copy of the block */
	uint64_t pblk; /* 0: the root */
	int idx;       /* the entry followed (index) or found (leaf: -1 none) */
};

struct path {
	unsigned depth;
	struct level lv[EXT_MAX_DEPTH + 1];
};

struct ext {
	uint32_t lblk, len;
	uint64_t pblk;
	bool unwritten;
};

static unsigned entries(const uint8_t *n)
{
	return le16_at(n, 2);
}

static unsigned max_entries(const uint8_t *n)
{
	return le16_at(n, 4);
}

static uint8_t *entry(uint8_t *n, unsigned i)
{
	return n + 12 + (size_t)i * 12;
}

static uint32_t key(uint8_t *n, unsigned i)
{
	return le32_at(entry(n, i), 0);
}

static struct ext get_ext(uint8_t *n, unsigned i)
{
	const uint8_t *e = entry(n, i);
	struct ext x = {.lblk = le32_at(e, 0), .len = le16_at(e, 4)};

	x.pblk = le32_at(e, 8) | (uint64_t)le16_at(e, 6) << 32;
	x.unwritten = x.len > EXT_INIT_MAX_LEN;
	if (x.unwritten)
		x.len -= EXT_INIT_MAX_LEN;
	return x;
}

static void put_ext(uint8_t *n, unsigned i, struct ext x)
{
	uint8_t *e = entry(n, i);

	put_le32(e, 0, x.lblk);
	put_le16(e, 4, (uint16_t)(x.len + (x.unwritten ? EXT_INIT_MAX_LEN : 0)));
	put_le16(e, 6, (uint16_t)(x.pblk >> 32));
	put_le32(e, 8, (uint32_t)x.pblk);
}

static uint64_t idx_child(uint8_t *n, unsigned i)
{
	const uint8_t *e = entry(n, i);

	return le32_at(e, 4) | (uint64_t)le16_at(e, 8) << 32;
}

static void put_idx(uint8_t *n, unsigned i, uint32_t k, uint64_t child)
{
	uint8_t *e = entry(n, i);

	put_le32(e, 0, k);
	put_le32(e, 4, (uint32_t)child);
	put_le16(e, 8, (uint16_t)(child >> 32));
	put_le16(e, 10, 0);
}

static void set_entries(uint8_t *n, unsigned v)
{
	put_le16(n, 2, (uint16_t)v);
}

static void insert_slot(uint8_t *n, unsigned at)
{
	memmove(entry(n, at + 1), entry(n, at), (size_t)(entries(n) - at) * 12);
	set_entries(n, entries(n) + 1);
}

static void delete_slot(uint8_t *n, unsigned at)
{
	memmove(entry(n, at), entry(n, at + 1), (size_t)(entries(n) - at - 1) * 12);
	set_entries(n, entries(n) - 1);
	memset(entry(n, entries(n)), 0, 12);
}

static void init_node(uint8_t *n, unsigned max, unsigned depth)
{
	put_le16(n, 0, EXT_MAGIC);
	put_le16(n, 2, 0);
	put_le16(n, 4, (uint16_t)max);
	put_le16(n, 6, (uint16_t)depth);
	put_le32(n, 8, 0);
}

static unsigned node_room(const struct ext2_fs *fs)
{
	return (fs->bsize - 12) / 12;
}

static void path_free(struct ext2_fs *fs, struct path *p)
{
	for (unsigned l = 1; l <= EXT_MAX_DEPTH; l++) {
		ext2_block_free(fs, p->lv[l].node);
		p->lv[l].node = NULL;
	}
}

/* The entries of `n` up to `lblk`: the last one at or before it (-1 if
 * none); at an index level, the first one when all are after it (the
 * range goes in its leftmost child, whose key then moves down). */
static int find_in(uint8_t *n, uint64_t lblk, bool index)
{
	unsigned cnt = entries(n), i = 0, hi = cnt;

	while (i < hi) { /* keys ascend: the first one after lblk */
		unsigned mid = i + (hi - i) / 2;

		if (key(n, mid) <= lblk)
			i = mid + 1;
		else
			hi = mid;
	}
	if (index && i == 0 && cnt)
		return 0;
	return (int)i - 1;
}

/* Read the path from the root to the leaf that holds (or would hold)
 * `lblk`, every node checked: 0, -EUCLEAN, -EBADMSG, -EIO, -ENOMEM. */
static int path_find(struct ext2_inode *ei, uint64_t lblk, struct path *p)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *n = ei->raw + I_BLOCK;
	int err;

	memset(p, 0, sizeof(*p));
	p->depth = le16_at(n, 6);
	err = ext2_ext_check(ei, n, EXT_ROOT_MAX, p->depth);
	if (err)
		return err;
	p->lv[0].node = n;
	for (unsigned l = 0; l < p->depth; l++) {
		int i = find_in(p->lv[l].node, lblk, true);
		uint64_t child;

		if (i < 0) {
			svc_log("EXT4-fs error (device %s): inode #%u: empty extent index",
				fs->sb->source, ei->ino);
			return -EUCLEAN;
		}
		p->lv[l].idx = i;
		child = idx_child(p->lv[l].node, (unsigned)i);
		if (child < fs->first_data_block || child >= fs->blocks_count)
			return -EUCLEAN;
		p->lv[l + 1].node = ext2_block_alloc(fs);
		if (!p->lv[l + 1].node)
			return -ENOMEM;
		p->lv[l + 1].pblk = child;
		err = ext2_ext_read_node(ei, child, p->lv[l + 1].node, p->depth - l - 1);
		if (err)
			return err;
	}
	p->lv[p->depth].idx = find_in(p->lv[p->depth].node, lblk, false);
	return 0;
}

/* Write node `l` of the path back (the root stays in ei->raw). */
static int node_write(struct ext2_tx *tx, struct ext2_inode *ei, struct level *lv, bool fresh)
{
	struct ext2_fs *fs = ei->fs;
	struct svc_buf *b;
	int err = 0;

	if (!lv->pblk)
		return 0;
	ext2_extent_csum_set(ei, lv->node, max_entries(lv->node));
	b = fresh ? ext2_tx_new(tx, lv->pblk, &err) : ext2_tx_bread(tx, lv->pblk, &err);
	if (!b)
		return -EIO;
	ext2_tx_write(tx, b, 0, lv->node, fs->bsize);
	svc_buf_set_verified(b); /* its checksum is the one just set */
	svc_brelse(fs->cap, b);
	return 0;
}

/* Node `l`'s first key changed: carry it up while it is its parent's
 * first entry too. */
static int fix_keys(struct ext2_tx *tx, struct ext2_inode *ei, struct path *p, unsigned l)
{
	int err = 0;

	for (; l > 0 && !err; l--) {
		struct level *up = &p->lv[l - 1];
		uint8_t *n = p->lv[l].node;

		if (!entries(n) || key(up->node, (unsigned)up->idx) == key(n, 0))
			break;
		put_le32(entry(up->node, (unsigned)up->idx), 0, key(n, 0));
		err = node_write(tx, ei, up, false);
		if (up->idx != 0)
			break;
	}
	return err;
}

static int new_tree_block(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t goal, uint64_t *blk)
{
	uint32_t got;
	int err = ext2_new_blocks(tx, ei, goal, 1, blk, &got);

	if (!err)
		ei->blocks512 += ei->fs->bsize / 512;
	return err;
}

/* The root is full all the way down: move its entries to a new block
 * and make it an index of one entry over it. */
static int grow(struct ext2_tx *tx, struct ext2_inode *ei, struct path *p)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *root = ei->raw + I_BLOCK;
	struct level nl = {.node = NULL};
	int err;

	if (p->depth >= EXT_MAX_DEPTH)
		return -ENOSPC;
	err = new_tree_block(tx, ei, 0, &nl.pblk);
	if (err)
		return err;
	nl.node = ext2_block_alloc(fs);
	if (!nl.node)
		return -ENOMEM;
	init_node(nl.node, node_room(fs), p->depth);
	memcpy(entry(nl.node, 0), entry(root, 0), (size_t)entries(root) * 12);
	set_entries(nl.node, entries(root));
	err = node_write(tx, ei, &nl, true);
	if (!err) {
		uint32_t k = entries(root) ? key(root, 0) : 0;

		memset(root + 12, 0, I_BLOCK_SIZE - 12);
		init_node(root, EXT_ROOT_MAX, p->depth + 1);
		set_entries(root, 1);
		put_idx(root, 0, k, nl.pblk);
	}
	ext2_block_free(fs, nl.node);
	return err;
}

/* Split full node `l` (its parent has room): the upper entries go to a
 * new node that the parent indexes after it. */
static int split(struct ext2_tx *tx, struct ext2_inode *ei, struct path *p, unsigned l)
{
	struct ext2_fs *fs = ei->fs;
	struct level *lv = &p->lv[l], *up = &p->lv[l - 1], nl = {.node = NULL};
	unsigned n = entries(lv->node);
	/* an append (the range after the last entry) keeps the node full */
	unsigned m = (lv->idx == (int)n - 1) ? n - 1 : n / 2;
	int err = new_tree_block(tx, ei, lv->pblk, &nl.pblk);

	if (err)
		return err;
	nl.node = ext2_block_alloc(fs);
	if (!nl.node)
		return -ENOMEM;
	init_node(nl.node, node_room(fs), le16_at(lv->node, 6));
	memcpy(entry(nl.node, 0), entry(lv->node, m), (size_t)(n - m) * 12);
	set_entries(nl.node, n - m);
	memset(entry(lv->node, m), 0, (size_t)(n - m) * 12);
	set_entries(lv->node, m);
	err = node_write(tx, ei, &nl, true);
	if (!err)
		err = node_write(tx, ei, lv, false);
	if (!err) {
		insert_slot(up->node, (unsigned)up->idx + 1);
		put_idx(up->node, (unsigned)up->idx + 1, key(nl.node, 0), nl.pblk);
		err = node_write(tx, ei, up, false);
	}
	ext2_block_free(fs, nl.node);
	return err;
}

static bool continues(struct ext a, struct ext b)
{
	uint32_t lim = a.unwritten ? EXT_UNWRIT_MAX_LEN : EXT_INIT_MAX_LEN;

	return a.unwritten == b.unwritten && (uint64_t)a.lblk + a.len == b.lblk &&
	       a.pblk + a.len == b.pblk && a.len + b.len <= lim;
}

/* Map the hole [x.lblk, x.lblk + x.len) to x. */
static int ext_insert(struct ext2_tx *tx, struct ext2_inode *ei, struct ext x)
{
	struct ext2_fs *fs = ei->fs;
	struct path p;
	int err;

	for (;;) {
		struct level *leaf;
		unsigned n, l;
		int pos;

		err = path_find(ei, x.lblk, &p);
		if (err)
			break;
		leaf = &p.lv[p.depth];
		n = entries(leaf->node);
		pos = leaf->idx;
		if (pos >= 0 && continues(get_ext(leaf->node, (unsigned)pos), x)) {
			struct ext e = get_ext(leaf->node, (unsigned)pos);

			e.len += x.len;
			if ((unsigned)pos + 1 < n &&
			    continues(e, get_ext(leaf->node, (unsigned)pos + 1))) {
				e.len += get_ext(leaf->node, (unsigned)pos + 1).len;
				delete_slot(leaf->node, (unsigned)pos + 1);
			}
			put_ext(leaf->node, (unsigned)pos, e);
			err = node_write(tx, ei, leaf, false);
			break;
		}
		if ((unsigned)(pos + 1) < n &&
		    continues(x, get_ext(leaf->node, (unsigned)pos + 1))) {
			struct ext e = get_ext(leaf->node, (unsigned)pos + 1);

			e.lblk = x.lblk;
			e.pblk = x.pblk;
			e.len += x.len;
			put_ext(leaf->node, (unsigned)pos + 1, e);
			err = node_write(tx, ei, leaf, false);
			if (!err && pos + 1 == 0)
				err = fix_keys(tx, ei, &p, p.depth);
			break;
		}
		if (n < max_entries(leaf->node)) {
			insert_slot(leaf->node, (unsigned)(pos + 1));
			put_ext(leaf->node, (unsigned)(pos + 1), x);
			err = node_write(tx, ei, leaf, false);
			if (!err && pos + 1 == 0)
				err = fix_keys(tx, ei, &p, p.depth);
			break;
		}
		/* full: split the highest full node whose parent has room, or
		 * grow the tree when every node up to the root is full */
		l = p.depth;
		while (l > 0 && entries(p.lv[l - 1].node) >= max_entries(p.lv[l - 1].node))
			l--;
		err = l == 0 ? grow(tx, ei, &p) : split(tx, ei, &p, l);
		path_free(fs, &p);
		if (err)
			return err;
	}
	path_free(fs, &p);
	return err;
}

/* After a change in the leaf: take the nodes it left empty out of the
 * tree (an empty tree becomes a depth-0 root) and carry a new first key
 * up. */
static int prune(struct ext2_tx *tx, struct ext2_inode *ei, struct path *p)
{
	unsigned l = p->depth;
	int err = 0;

	while (l > 0 && entries(p->lv[l].node) == 0) {
		struct level *up = &p->lv[l - 1];

		err = ext2_free_blocks(tx, p->lv[l].pblk, 1, true);
		if (err)
			return err;
		ei->blocks512 -= ei->fs->bsize / 512;
		delete_slot(up->node, (unsigned)up->idx);
		l--;
	}
	if (l == 0 && entries(p->lv[0].node) == 0) {
		init_node(p->lv[0].node, EXT_ROOT_MAX, 0);
		return 0;
	}
	err = node_write(tx, ei, &p->lv[l], false);
	if (!err)
		err = fix_keys(tx, ei, p, l);
	return err;
}

/* Unmap [start, end), freeing the blocks when `free`. */
static int ext_remove(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t start, uint64_t end,
		      bool free)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t x = end - 1;
	struct path p;
	int err = 0;

	while (!err) {
		struct level *leaf;
		struct ext e, right = {0};
		uint64_t ee, a, z, orig;
		bool more;
		int j;

		err = path_find(ei, x, &p);
		if (err)
			break;
		leaf = &p.lv[p.depth];
		j = leaf->idx;
		if (j < 0)
			break;
		e = get_ext(leaf->node, (unsigned)j);
		orig = e.lblk;
		ee = (uint64_t)e.lblk + e.len;
		if (ee <= start)
			break;
		a = MAX((uint64_t)e.lblk, start);
		z = MIN(ee, end);
		if (free) {
			err = ext2_free_blocks(tx, e.pblk + (a - e.lblk), (uint32_t)(z - a), false);
			if (err)
				break;
			ei->blocks512 -= (z - a) << (fs->log_bsize - 9);
		}
		more = a == e.lblk && e.lblk > start;
		if (a == e.lblk && z == ee) {
			delete_slot(leaf->node, (unsigned)j);
		} else if (a == e.lblk) {
			e.pblk += z - e.lblk;
			e.len = (uint32_t)(ee - z);
			e.lblk = (uint32_t)z;
			put_ext(leaf->node, (unsigned)j, e);
		} else {
			if (z < ee)
				right = (struct ext){.lblk = (uint32_t)z,
						     .len = (uint32_t)(ee - z),
						     .pblk = e.pblk + (z - e.lblk),
						     .unwritten = e.unwritten};
			e.len = (uint32_t)(a - e.lblk);
			put_ext(leaf->node, (unsigned)j, e);
		}
		err = prune(tx, ei, &p);
		path_free(fs, &p);
		if (!err && right.len)
			err = ext_insert(tx, ei, right);
		if (err || !more)
			return err;
		x = orig - 1; /* more > 0 means orig > start >= 0 */
	}
	path_free(fs, &p);
	return err;
}

/* What maps `lblk`: *e (len 0: a hole, its length in *hole) and the goal
 * for allocating it (after the extent before it). */
static int ext_lookup(struct ext2_inode *ei, uint64_t lblk, struct ext *e, uint64_t *hole,
		      uint64_t *goal)
{
	struct path p;
	struct level *leaf;
	int err = path_find(ei, lblk, &p);

	memset(e, 0, sizeof(*e));
	*goal = 0;
	if (err)
		goto out;
	leaf = &p.lv[p.depth];
	*hole = LBLK_LIMIT - lblk;
	if (leaf->idx + 1 < (int)entries(leaf->node)) {
		*hole = key(leaf->node, (unsigned)leaf->idx + 1) - lblk;
	} else {
		/* past the leaf's last entry: up to the next leaf's key */
		for (unsigned l = p.depth; l > 0; l--) {
			struct level *up = &p.lv[l - 1];

			if ((unsigned)up->idx + 1 < entries(up->node)) {
				*hole = key(up->node, (unsigned)up->idx + 1) - lblk;
				break;
			}
		}
	}
	if (leaf->idx >= 0) {
		struct ext x = get_ext(leaf->node, (unsigned)leaf->idx);

		if (lblk < (uint64_t)x.lblk + x.len) {
			*e = x;
			goto out;
		}
		*goal = x.pblk + (lblk - x.lblk);
	} else if (p.depth) {
		*goal = p.lv[p.depth].pblk;
	}
out:
	path_free(ei->fs, &p);
	return err;
}

/*
 * Up to `want` blocks from `lblk` on, in an unwritten extent, become
 * written (*pblk, *got: where and how many), in its leaf alone when the
 * leaf has room for the pieces (the unwritten parts
 * before and after them stay, the written part joins a written
 * neighbour it continues): one read of the path and one leaf write,
 * where the general way (remove, then insert) reads the path three
 * times and writes the leaf twice or more (a random write into
 * preallocated space does this once per write).  The leaf's first key
 * never changes (an unwritten part before keeps it; without one the
 * written part starts where the extent did, or joins the entry before).
 * 1 done, 0 not done and nothing changed (not in an unwritten extent,
 * or the leaf is full: the caller goes the general way), -errno.
 */
static int convert_in_leaf(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
			   uint64_t *pblk, uint32_t *got)
{
	struct ext x[3];
	struct level *leaf;
	bool before, after, join_prev, join_next;
	struct ext e, m;
	struct path p;
	unsigned cnt, k;
	uint32_t n;
	int j, err = path_find(ei, lblk, &p), done = 0;

	if (err)
		goto out;
	leaf = &p.lv[p.depth];
	j = leaf->idx;
	cnt = entries(leaf->node);
	if (j < 0)
		goto out;
	e = get_ext(leaf->node, (unsigned)j);
	if (!e.unwritten || lblk < e.lblk || lblk >= (uint64_t)e.lblk + e.len)
		goto out;
	n = (uint32_t)MIN((uint64_t)want, e.lblk + (uint64_t)e.len - lblk);
	m = (struct ext){.lblk = (uint32_t)lblk, .len = n, .pblk = e.pblk + (lblk - e.lblk)};
	before = lblk > e.lblk;
	after = lblk + n < (uint64_t)e.lblk + e.len;
	join_prev = !before && j > 0 && continues(get_ext(leaf->node, (unsigned)j - 1), m);
	join_next = !after && !join_prev && (unsigned)j + 1 < cnt &&
		    continues(m, get_ext(leaf->node, (unsigned)j + 1));
	k = before + after + !(join_prev || join_next);
	/* no room (the root of four is our inode's own bytes: checked
	 * before anything changes): the caller goes the general way */
	if (cnt - 1 + k > max_entries(leaf->node))
		goto out;
	if (join_prev) {
		struct ext prev = get_ext(leaf->node, (unsigned)j - 1);

		prev.len += n;
		put_ext(leaf->node, (unsigned)j - 1, prev);
	} else if (join_next) {
		struct ext next = get_ext(leaf->node, (unsigned)j + 1);

		next.lblk = m.lblk;
		next.pblk = m.pblk;
		next.len += n;
		put_ext(leaf->node, (unsigned)j + 1, next);
	}
	k = 0;
	if (before)
		x[k++] = (struct ext){.lblk = e.lblk,
				      .len = (uint32_t)(lblk - e.lblk),
				      .pblk = e.pblk,
				      .unwritten = true};
	if (!join_prev && !join_next)
		x[k++] = m;
	if (after)
		x[k++] = (struct ext){.lblk = (uint32_t)(lblk + n),
				      .len = (uint32_t)(e.lblk + e.len - lblk - n),
				      .pblk = m.pblk + n,
				      .unwritten = true};
	if (!k)
		delete_slot(leaf->node, (unsigned)j);
	for (unsigned i = 0; i < k; i++) {
		if (i)
			insert_slot(leaf->node, (unsigned)j + i);
		put_ext(leaf->node, (unsigned)j + i, x[i]);
	}
	err = node_write(tx, ei, leaf, false);
	done = 1;
	*pblk = m.pblk;
	*got = n;
out:
	path_free(ei->fs, &p);
	return err ? err : done;
}

/* Zero new blocks of a directory or other metadata-like data through the
 * transaction. */
static int zero_blocks(struct ext2_tx *tx, struct ext2_fs *fs, uint64_t blk, uint32_t n)
{
	uint8_t *z = ext2_block_alloc(fs);
	int err = 0;

	if (!z)
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !err; i++) {
		struct svc_buf *b = ext2_tx_new(tx, blk + i, &err);

		if (!b) {
			err = -EIO;
			break;
		}
		ext2_tx_write(tx, b, 0, z, fs->bsize);
		svc_brelse(fs->cap, b);
	}
	ext2_block_free(fs, z);
	return err;
}

int ext2_ext_map_alloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		       bool zero, uint64_t *pblk, uint32_t *got)
{
	struct ext e;
	uint64_t hole, goal, first;
	uint32_t n;
	/* into preallocated space, the common way first: one path read */
	int err = convert_in_leaf(tx, ei, lblk, want, &first, &n);

	if (err > 0) {
		err = zero ? zero_blocks(tx, ei->fs, first, n) : 0;
		if (!err) {
			*pblk = first;
			*got = n;
		}
		return err;
	}
	err = err ? err : ext_lookup(ei, lblk, &e, &hole, &goal);
	if (err)
		return err;
	if (e.len && !e.unwritten) {
		*pblk = e.pblk + (lblk - e.lblk);
		*got = (uint32_t)MIN((uint64_t)want, e.lblk + (uint64_t)e.len - lblk);
		return 0;
	}
	if (e.len) {
		/* writing into preallocated space: that part becomes written */
		n = (uint32_t)MIN((uint64_t)want, e.lblk + (uint64_t)e.len - lblk);
		first = e.pblk + (lblk - e.lblk);
		err = ext_remove(tx, ei, lblk, lblk + n, false);
		if (!err)
			err = ext_insert(
				tx, ei,
				(struct ext){.lblk = (uint32_t)lblk, .len = n, .pblk = first});
	} else {
		n = (uint32_t)MIN((uint64_t)MIN(want, EXT_INIT_MAX_LEN), hole);
		err = ext2_new_blocks(tx, ei, goal, n, &first, &n);
		if (err)
			return err;
		ei->blocks512 += (uint64_t)n << (ei->fs->log_bsize - 9);
		err = ext_insert(tx, ei,
				 (struct ext){.lblk = (uint32_t)lblk, .len = n, .pblk = first});
		if (err && !ext2_free_blocks(tx, first, n, false))
			ei->blocks512 -= (uint64_t)n << (ei->fs->log_bsize - 9);
	}
	if (!err && zero)
		err = zero_blocks(tx, ei->fs, first, n);
	if (!err) {
		*pblk = first;
		*got = n;
	}
	return err;
}

int ext2_ext_prealloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		      bool unwrite, uint32_t *got)
{
	struct ext e;
	uint64_t hole, goal, first;
	uint32_t n;
	int err = ext_lookup(ei, lblk, &e, &hole, &goal);

	if (err)
		return err;
	if (e.len) {
		n = (uint32_t)MIN((uint64_t)want, e.lblk + (uint64_t)e.len - lblk);
		*got = n;
		if (e.unwritten || !unwrite)
			return 0;
		n = MIN(n, EXT_UNWRIT_MAX_LEN);
		/* ZERO_RANGE: written blocks read as zeros from now on */
		first = e.pblk + (lblk - e.lblk);
		err = ext_remove(tx, ei, lblk, lblk + n, false);
		if (!err)
			err = ext_insert(tx, ei,
					 (struct ext){.lblk = (uint32_t)lblk,
						      .len = n,
						      .pblk = first,
						      .unwritten = true});
		*got = n;
		return err;
	}
	n = (uint32_t)MIN((uint64_t)MIN(want, EXT_UNWRIT_MAX_LEN), hole);
	err = ext2_new_blocks(tx, ei, goal, n, &first, &n);
	if (err)
		return err;
	ei->blocks512 += (uint64_t)n << (ei->fs->log_bsize - 9);
	err = ext_insert(
		tx, ei,
		(struct ext){.lblk = (uint32_t)lblk, .len = n, .pblk = first, .unwritten = true});
	if (err) {
		if (!ext2_free_blocks(tx, first, n, false))
			ei->blocks512 -= (uint64_t)n << (ei->fs->log_bsize - 9);
		return err;
	}
	*got = n;
	return 0;
}

int ext2_ext_remove(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t start, uint64_t end)
{
	if (start >= LBLK_LIMIT || start >= end)
		return 0;
	return ext_remove(tx, ei, start, MIN(end, LBLK_LIMIT), true);
}

void ext2_ext_init_root(struct ext2_inode *ei)
{
	memset(ei->raw + I_BLOCK, 0, I_BLOCK_SIZE);
	init_node(ei->raw + I_BLOCK, EXT_ROOT_MAX, 0);
}

int ext2_ext_next(struct ext2_inode *ei, uint64_t lblk, uint64_t *start, uint64_t *len,
		  uint64_t *pblk, bool *unwritten)
{
	struct path p;
	int err = path_find(ei, lblk, &p);

	*len = 0;
	while (!err) {
		struct level *leaf = &p.lv[p.depth];
		int i = leaf->idx;
		unsigned l;

		if (i >= 0) {
			struct ext x = get_ext(leaf->node, (unsigned)i);

			if (lblk < (uint64_t)x.lblk + x.len) {
				*start = x.lblk;
				*len = x.len;
				*pblk = x.pblk;
				*unwritten = x.unwritten;
				break;
			}
		}
		if ((unsigned)(i + 1) < entries(leaf->node)) {
			struct ext x = get_ext(leaf->node, (unsigned)i + 1);

			*start = x.lblk;
			*len = x.len;
			*pblk = x.pblk;
			*unwritten = x.unwritten;
			break;
		}
		/* the next leaf: the next key at the lowest index level that has one */
		for (l = p.depth; l > 0; l--) {
			struct level *up = &p.lv[l - 1];

			if ((unsigned)up->idx + 1 < entries(up->node))
				break;
		}
		if (l == 0)
			break;
		lblk = key(p.lv[l - 1].node, (unsigned)p.lv[l - 1].idx + 1);
		path_free(ei->fs, &p);
		err = path_find(ei, lblk, &p);
	}
	path_free(ei->fs, &p);
	return err;
}
