/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Changing extended attributes (setxattr, removexattr).  The inode's
 * attributes are read whole (the space after i_extra_isize, then the
 * xattr block), changed in memory, and laid out again: each in the inode
 * if it still fits there, else in the block, whose entries are sorted
 * (namespace index, name length, name) with ext4's entry and block
 * hashes and its checksum.  A block shared with other inodes (h_refcount
 * > 1) is never changed in place: this inode takes a copy (copy on
 * write) and the shared one loses a reference; the last inode to let go
 * of a block frees it.  Too much to fit is -ENOSPC, a name past 255
 * bytes -ERANGE, as ext4 without ea_inode.
 *
 * POSIX ACLs arrive in the xattr form every filesystem takes (version 2,
 * 8 bytes an entry) and are kept in ext4's compact form (version 1,
 * 4-byte entries but for named users and groups).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include <linux/xattr.h>
#include "ext2.h"
#include "tx.h"

#define XATTR_MAGIC	0xea020000u
#define XATTR_REFCOUNT	0x04
#define XATTR_BLOCKS	0x08
#define XATTR_HASH	0x0c
#define XATTR_BLK_HDR	32
#define XATTR_ENTRY_HDR 16
#define FL_IMMUTABLE	0x10
#define FL_APPEND	0x20

#define ACL_USER_OBJ  0x01
#define ACL_USER      0x02
#define ACL_GROUP_OBJ 0x04
#define ACL_GROUP     0x08
#define ACL_MASK      0x10
#define ACL_OTHER     0x20

struct xent {
	uint8_t index, nlen;
	char name[256];
	uint32_t vsize;
	uint8_t *value;
	bool in_inode;
};

struct xset {
	struct xent *e;
	unsigned n, max;
	uint32_t old_refs; /* the block's h_refcount (0: none) */
};

static size_t entry_len(unsigned nlen)
{
	return (XATTR_ENTRY_HDR + nlen + 3) & ~(size_t)3;
}

static size_t value_len(uint32_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Copy the entries of one region (base: where value offsets count from). */
static int load_region(struct ext2_fs *fs, struct xset *x, const uint8_t *base,
		       const uint8_t *first, size_t size, bool in_inode)
{
	const uint8_t *end = base + size, *e = first;

	while (e + 4 <= end && le32_at(e, 0) != 0) {
		struct xent *t;
		uint32_t offs, vsize;

		if (e + XATTR_ENTRY_HDR > end || e + entry_len(e[0]) > end)
			return -EUCLEAN;
		offs = le16_at(e, 2);
		vsize = le32_at(e, 8);
		if (le32_at(e, 4) != 0 || offs > size || vsize > size - offs || x->n == x->max)
			return -EUCLEAN;
		t = &x->e[x->n++];
		t->index = e[1];
		t->nlen = e[0];
		memcpy(t->name, e + XATTR_ENTRY_HDR, e[0]);
		t->vsize = vsize;
		t->value = svc_alloc(fs->cap, vsize ? vsize : 1);
		if (!t->value)
			return -ENOMEM;
		memcpy(t->value, base + offs, vsize);
		t->in_inode = in_inode;
		e += entry_len(e[0]);
	}
	return 0;
}

static void xset_free(struct ext2_fs *fs, struct xset *x)
{
	for (unsigned i = 0; i < x->n; i++)
		svc_free(fs->cap, x->e[i].value);
	svc_free(fs->cap, x->e);
}

static int load(struct ext2_inode *ei, struct xset *x, uint8_t *blk)
{
	struct ext2_fs *fs = ei->fs;
	int err = 0;

	x->max = (fs->bsize + fs->inode_size) / XATTR_ENTRY_HDR + 2;
	x->e = svc_alloc(fs->cap, x->max * sizeof(*x->e));
	if (!x->e)
		return -ENOMEM;
	if (ei->extra_end + 4 <= fs->inode_size && le32_at(ei->raw, ei->extra_end) == XATTR_MAGIC) {
		const uint8_t *base = ei->raw + ei->extra_end + 4;

		err = load_region(fs, x, base, base, fs->inode_size - ei->extra_end - 4, true);
		if (err)
			return err;
	}
	if (!ei->file_acl)
		return 0;
	err = ext2_read_block(fs, ei->file_acl, blk);
	if (err)
		return err;
	if (le32_at(blk, 0) != XATTR_MAGIC || le32_at(blk, XATTR_BLOCKS) != 1)
		return -EUCLEAN;
	if (!ext2_xattr_block_csum_ok(fs, ei->file_acl, blk))
		return -EBADMSG;
	x->old_refs = le32_at(blk, XATTR_REFCOUNT);
	return load_region(fs, x, blk, blk + XATTR_BLK_HDR, fs->bsize, false);
}

/* ext4_xattr_hash_entry: the name's bytes, then the value's words. */
static uint32_t entry_hash(const struct xent *t)
{
	uint32_t h = 0;

	for (unsigned i = 0; i < t->nlen; i++)
		h = (h << 5) ^ (h >> 27) ^ (uint8_t)t->name[i];
	for (uint32_t i = 0; i < value_len(t->vsize); i += 4) {
		uint8_t w[4] = {0};

		memcpy(w, t->value + i, MIN(4u, t->vsize - i));
		h = (h << 16) ^ (h >> 16) ^ le32_at(w, 0);
	}
	return h;
}

static int cmp_entry(const struct xent *a, const struct xent *b)
{
	if (a->index != b->index)
		return a->index - b->index;
	if (a->nlen != b->nlen)
		return a->nlen - b->nlen;
	return memcmp(a->name, b->name, a->nlen);
}

/* Lay the entries marked for a region out in `dst` (size bytes, value
 * offsets from dst); the block's header hash in *hash. */
static void lay_out(const struct xset *x, bool in_inode, uint8_t *dst, size_t size, uint32_t *hash)
{
	size_t at = 0, vend = size;
	uint32_t bh = 0;

	memset(dst, 0, size);
	for (unsigned i = 0; i < x->n; i++) {
		const struct xent *t = &x->e[i];
		uint32_t h = entry_hash(t);

		if (t->in_inode != in_inode)
			continue;
		vend -= value_len(t->vsize);
		memcpy(dst + vend, t->value, t->vsize);
		dst[at] = t->nlen;
		dst[at + 1] = t->index;
		put_le16(dst, at + 2, (uint16_t)(t->vsize ? vend : 0));
		put_le32(dst, at + 8, t->vsize);
		put_le32(dst, at + 12, h);
		memcpy(dst + at + XATTR_ENTRY_HDR, t->name, t->nlen);
		at += entry_len(t->nlen);
		bh = (bh << 16) ^ (bh >> 16) ^ h;
	}
	*hash = bh;
}

/* Place each entry in the inode if it fits, else in the block: 0, or
 * -ENOSPC.  *block_used: whether the block holds any. */
static int place(struct ext2_inode *ei, struct xset *x, bool *block_used)
{
	struct ext2_fs *fs = ei->fs;
	size_t iroom = fs->inode_size > ei->extra_end + 8 ? fs->inode_size - ei->extra_end - 4 : 0;
	size_t iused = 4, bused = XATTR_BLK_HDR + 4;

	*block_used = false;
	/* the block's entries sorted, as ext4 keeps them */
	for (unsigned i = 1; i < x->n; i++) {
		struct xent t = x->e[i];
		unsigned j = i;

		for (; j > 0 && cmp_entry(&x->e[j - 1], &t) > 0; j--)
			x->e[j] = x->e[j - 1];
		x->e[j] = t;
	}
	for (unsigned i = 0; i < x->n; i++) {
		struct xent *t = &x->e[i];
		size_t need = entry_len(t->nlen) + value_len(t->vsize);

		if (iused + need <= iroom) {
			t->in_inode = true;
			iused += need;
		} else if (bused + need <= fs->bsize) {
			t->in_inode = false;
			bused += need;
			*block_used = true;
		} else {
			return -ENOSPC;
		}
	}
	return 0;
}

/* Write the block's entries: in place when this inode owns the block
 * alone, else into a new one (copy on write). */
static int write_block(struct ext2_tx *tx, struct ext2_inode *ei, struct xset *x, uint8_t *blk)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t where = ei->file_acl;
	struct svc_buf *b;
	uint32_t hash, got;
	int err = 0;

	if (!where || x->old_refs > 1) {
		err = ext2_xattr_drop(tx, ei);
		if (!err)
			err = ext2_new_blocks(tx, ei, 0, 1, &where, &got);
		if (err)
			return err;
		ei->file_acl = where;
		ei->blocks512 += fs->bsize / 512;
		b = ext2_tx_new(tx, where, &err);
	} else {
		b = ext2_tx_bread(tx, where, &err);
	}
	if (!b)
		return err ? err : -EIO;
	lay_out(x, false, blk + XATTR_BLK_HDR, fs->bsize - XATTR_BLK_HDR, &hash);
	/* value offsets count from the block's start */
	for (size_t at = XATTR_BLK_HDR; le32_at(blk, at); at += entry_len(blk[at]))
		if (le32_at(blk, at + 8))
			put_le16(blk, at + 2, (uint16_t)(le16_at(blk, at + 2) + XATTR_BLK_HDR));
	memset(blk, 0, XATTR_BLK_HDR);
	put_le32(blk, 0, XATTR_MAGIC);
	put_le32(blk, XATTR_REFCOUNT, 1);
	put_le32(blk, XATTR_BLOCKS, 1);
	put_le32(blk, XATTR_HASH, hash);
	ext2_xattr_block_csum_set(fs, where, blk);
	ext2_tx_write(tx, b, 0, blk, fs->bsize);
	svc_brelse(fs->cap, b);
	return 0;
}

/* The xattr form of an ACL in ext4's: its length in *n, or -EINVAL. */
static int acl_from_xattr(const uint8_t *v, size_t size, uint8_t *outv, uint32_t *n)
{
	size_t at = 4;

	if (size < 4 || (size - 4) % 8 || le32_at(v, 0) != 2)
		return -EINVAL;
	put_le32(outv, 0, 1);
	for (size_t off = 4; off < size; off += 8) {
		unsigned tag = le16_at(v, off);

		switch (tag) {
		case ACL_USER_OBJ:
		case ACL_GROUP_OBJ:
		case ACL_MASK:
		case ACL_OTHER:
			memcpy(outv + at, v + off, 4);
			at += 4;
			break;
		case ACL_USER:
		case ACL_GROUP:
			memcpy(outv + at, v + off, 8);
			at += 8;
			break;
		default:
			return -EINVAL;
		}
	}
	*n = (uint32_t)at;
	return 0;
}

/* set (value != NULL) or remove one attribute */
static int change(struct inode *ino, const char *name, const void *value, size_t size, int flags)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	struct xset x = {.e = NULL};
	struct ext2_tx *tx = NULL;
	const char *suffix;
	uint8_t index, *blk = NULL, *iregion;
	unsigned found = UINT32_MAX;
	bool block_used;
	uint32_t hash;
	size_t slen;
	int err = ext2_xattr_name(name, &index, &suffix);

	if (err)
		return err;
	slen = strlen(suffix);
	if (slen > 255)
		return -ERANGE;
	if (ei->flags & (FL_IMMUTABLE | FL_APPEND))
		return -EPERM;
	blk = ext2_block_alloc(fs);
	if (!blk)
		return -ENOMEM;
	svc_lock(fs->cap, fs->wlock);
	err = ext2_tx_begin(fs, 16, &tx);
	if (err)
		goto out_unlock;
	err = load(ei, &x, blk);
	if (err)
		goto out;
	for (unsigned i = 0; i < x.n; i++)
		if (x.e[i].index == index && x.e[i].nlen == slen &&
		    !memcmp(x.e[i].name, suffix, slen))
			found = i;
	if (found == UINT32_MAX && (!value || (flags & XATTR_REPLACE))) {
		err = -ENODATA;
		goto out;
	}
	if (found != UINT32_MAX && value && (flags & XATTR_CREATE)) {
		err = -EEXIST;
		goto out;
	}
	if (found != UINT32_MAX) {
		svc_free(fs->cap, x.e[found].value);
		x.e[found] = x.e[--x.n];
	}
	if (value) {
		struct xent *t = &x.e[x.n];

		if (x.n == x.max) {
			err = -ENOSPC;
			goto out;
		}
		t->index = index;
		t->nlen = (uint8_t)slen;
		memcpy(t->name, suffix, slen);
		t->value = svc_alloc(fs->cap, size ? size : 1);
		if (!t->value) {
			err = -ENOMEM;
			goto out;
		}
		x.n++;
		if (index == XATTR_INDEX_ACL_ACCESS || index == XATTR_INDEX_ACL_DEFAULT)
			err = acl_from_xattr(value, size, t->value, &t->vsize);
		else
			memcpy(t->value, value, t->vsize = (uint32_t)size);
		if (err)
			goto out;
	}
	err = place(ei, &x, &block_used);
	if (err)
		goto out;
	if (block_used)
		err = write_block(tx, ei, &x, blk);
	else
		err = ext2_xattr_drop(tx, ei);
	if (err)
		goto out;
	if (fs->inode_size > ei->extra_end + 8) {
		iregion = ei->raw + ei->extra_end;
		lay_out(&x, true, iregion + 4, fs->inode_size - ei->extra_end - 4, &hash);
		put_le32(iregion, 0, le32_at(iregion, 4) ? XATTR_MAGIC : 0);
	}
	ei->ctime = svc_now();
	err = ext2_inode_write(tx, ei);
out:
	if (ext2_tx_end(tx) && !err)
		err = -EIO;
out_unlock:
	svc_unlock(fs->cap, fs->wlock);
	xset_free(fs, &x);
	ext2_block_free(fs, blk);
	return err;
}

int ext2_setxattr(struct inode *ino, const char *name, const void *value, size_t size, int flags)
{
	return change(ino, name, value, size, flags);
}

int ext2_removexattr(struct inode *ino, const char *name)
{
	return change(ino, name, NULL, 0, 0);
}

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
		put_le32(buf, XATTR_REFCOUNT, refs - 1);
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
