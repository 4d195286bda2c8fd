/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The namespace: the mutating slots of ext2_dir_ops (create, mkdir,
 * mknod, symlink, link, unlink, rmdir, rename, exchange, tmpfile) and the
 * setattr of directories and symlinks, each one transaction under
 * fs->wlock, with Linux's ext4 rules:
 *
 * - a new inode is owned by svc_creator() (a setgid directory gives its
 *   group, and its S_ISGID to a new directory), inherits the parent's
 *   inheritable flags, gets a generation, crtime, i_extra_isize and, on
 *   an ext4 with extents, an empty extent root (fast symlinks and device
 *   nodes keep their data in i_block instead);
 * - a directory's link count is 2 + its subdirectories, except that with
 *   dir_nlink an indexed directory past 65000 links counts 1 ("many");
 *   without it, the 65000th subdirectory is -EMLINK;
 * - an inode whose last name goes while it may still be open is put on
 *   the orphan list and freed at its last evict (orphan.c); a tmpfile
 *   lives there from the start until link() names it;
 * - rename checks what Linux checks, in its order: a directory moved
 *   into its own subtree is -EINVAL, over an ancestor of the source
 *   -ENOTEMPTY, two names of one inode do nothing, kinds must match, a
 *   replaced directory must be empty; a directory changing parent gets a
 *   new ".." and the parents' link counts follow.
 *
 * Inodes marked immutable or append-only refuse changes (-EPERM) as
 * Linux's VFS refuses them.  Without a journal a failure halfway leaves
 * what was written (e2fsck mends it), as ext2 does.
 */
#include <klib/crc32c.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"
#include "tx.h"

#define CREDITS 64 /* blocks one namespace op may change, at most */

#define FL_SECRM	0x00000001
#define FL_UNRM		0x00000002
#define FL_COMPR	0x00000004
#define FL_SYNC		0x00000008
#define FL_IMMUTABLE	0x00000010
#define FL_APPEND	0x00000020
#define FL_NODUMP	0x00000040
#define FL_NOATIME	0x00000080
#define FL_NOCOMPR	0x00000400
#define FL_JOURNAL_DATA 0x00004000
#define FL_NOTAIL	0x00008000
#define FL_DIRSYNC	0x00010000
#define FL_TOPDIR	0x00020000
#define FL_DAX		0x02000000
#define FL_PROJINHERIT	0x20000000
#define FL_CASEFOLD	0x40000000
/* ext4's EXT4_FL_INHERITED, and what of it a regular file or another
 * non-directory keeps (EXT4_REG_FLMASK, EXT4_OTHER_FLMASK) */
#define FL_INHERITED                                                                     \
	(FL_SECRM | FL_UNRM | FL_COMPR | FL_SYNC | FL_NODUMP | FL_NOATIME | FL_NOCOMPR | \
	 FL_JOURNAL_DATA | FL_NOTAIL | FL_DIRSYNC | FL_PROJINHERIT | FL_CASEFOLD | FL_DAX)
#define FL_REG_MASK   (~(uint32_t)(FL_DIRSYNC | FL_TOPDIR | FL_CASEFOLD | FL_PROJINHERIT))
#define FL_OTHER_MASK (FL_NODUMP | FL_NOATIME)

static int begin(struct ext2_fs *fs, struct ext2_tx **tx)
{
	int err;

	svc_lock(fs->cap, fs->wlock);
	err = ext2_tx_begin(fs, CREDITS, tx);
	if (err)
		svc_unlock(fs->cap, fs->wlock);
	return err;
}

static int end(struct ext2_fs *fs, struct ext2_tx *tx, int err)
{
	int e = ext2_tx_end(tx);

	svc_unlock(fs->cap, fs->wlock);
	return err ? err : e;
}

static bool frozen(const struct ext2_inode *ei)
{
	return ei->flags & (FL_IMMUTABLE | FL_APPEND);
}

/* Whether `name` is free in dir: 0, -EEXIST, or the error finding it. */
static int absent(struct ext2_inode *dir, const char *name, size_t len)
{
	struct ext2_dirslot slot;
	int err = ext2_dir_find(dir, name, len, &slot);

	if (err == -ENOENT)
		return 0;
	return err ? err : -EEXIST;
}

/*
 * The opening of an op that makes something in `dir`: the transaction
 * begun (fs->wlock held) and the directory not removed (-ENOENT); with a
 * `name`, also changeable (-EPERM) and without that name (-EEXIST).  On
 * an error the transaction is ended and nothing is held.
 */
static int begin_in(struct ext2_inode *dir, const char *name, size_t len, struct ext2_tx **tx)
{
	int err = begin(dir->fs, tx);

	if (err)
		return err;
	if (dir->nlink == 0)
		err = -ENOENT; /* a removed directory */
	else if (name && (dir->flags & FL_IMMUTABLE))
		err = -EPERM;
	else if (name)
		err = absent(dir, name, len);
	return err ? end(dir->fs, *tx, err) : 0;
}

static void touch_dir(struct ext2_inode *dir)
{
	dir->mtime = dir->ctime = svc_now();
}

/* ext4_inc_count / ext4_dec_count: a directory's count of subdirectories. */
static void inc_count(struct ext2_inode *ei)
{
	ei->nlink++;
	if (S_ISDIR(ei->mode) && (ei->flags & INODE_FL_INDEX) &&
	    (ei->nlink > EXT2_LINK_MAX || ei->nlink == 2))
		ei->nlink = 1;
}

static void dec_count(struct ext2_inode *ei)
{
	if (!S_ISDIR(ei->mode) || ei->nlink > 2)
		ei->nlink--;
}

/* Linux's EXT4_DIR_LINK_MAX: no room for another subdirectory. */
static bool dir_link_max(const struct ext2_inode *dir)
{
	return dir->nlink >= EXT2_LINK_MAX &&
	       !((dir->fs->ro_compat & RO_COMPAT_DIR_NLINK) && (dir->flags & INODE_FL_INDEX));
}

static uint32_t inherit_flags(const struct ext2_inode *dir, uint32_t mode)
{
	uint32_t fl = dir->flags & FL_INHERITED;

	if (S_ISDIR(mode))
		return fl;
	if (S_ISREG(mode))
		return fl & FL_REG_MASK;
	return fl & FL_OTHER_MASK;
}

/* An empty extent tree's root in i_block. */
static void extent_root(uint8_t *raw)
{
	put_le16(raw, I_BLOCK, 0xf30a);
	put_le16(raw, I_BLOCK + 2, 0);
	put_le16(raw, I_BLOCK + 4, (I_BLOCK_SIZE - 12) / 12);
	put_le16(raw, I_BLOCK + 6, 0);
}

/* Linux's rule for i_block of a device: the old 16-bit form when major
 * and minor fit a byte each, else the new one in the second word. */
static void encode_rdev(uint8_t *raw, uint64_t rdev)
{
	uint32_t major = (uint32_t)((rdev >> 8) & 0xfff);
	uint32_t minor = (uint32_t)((rdev & 0xff) | ((rdev >> 12) & 0xfff00));

	if (major < 256 && minor < 256) {
		put_le32(raw, I_BLOCK, major << 8 | minor);
	} else {
		put_le32(raw, I_BLOCK, 0);
		put_le32(raw, I_BLOCK + 4,
			 (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12));
	}
}

/* A new in-memory inode of `mode` numbered by the allocator, its fields
 * set as ext4_new_inode sets them; not yet written or cached. */
static int new_inode(struct ext2_tx *tx, struct ext2_inode *dir, uint32_t mode,
		     struct ext2_inode **out)
{
	struct ext2_fs *fs = dir->fs;
	struct ext2_inode *ei;
	struct vfs_time now = svc_now();
	uint32_t ino, seedv[3];
	int err = ext2_new_inode(tx, dir, mode, &ino);

	if (err)
		return err;
	ei = svc_alloc(fs->cap, __builtin_offsetof(struct ext2_inode, raw) + fs->inode_size);
	if (!ei) {
		if (ext2_free_inode(tx, ino, S_ISDIR(mode)))
			svc_log("EXT4-fs (%s): inode %u leaked", fs->sb->source, ino);
		return -ENOMEM;
	}
	ei->fs = fs;
	ei->ino = ino;
	ei->sync_tid = ei->datasync_tid = ext2_tx_running(fs);
	svc_creator(&ei->uid, &ei->gid);
	if (dir->mode & S_ISGID) {
		ei->gid = dir->gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	}
	ei->mode = mode;
	ei->flags = inherit_flags(dir, mode);
	ei->atime = ei->mtime = ei->ctime = ei->btime = now;
	seedv[0] = ino;
	seedv[1] = (uint32_t)now.sec;
	seedv[2] = now.nsec;
	ei->generation = crc32c(dir->generation, seedv, sizeof(seedv));
	ei->extra_end = EXT2_GOOD_OLD_ISIZE;
	if (fs->inode_size > EXT2_GOOD_OLD_ISIZE) {
		uint32_t want = le16_at(fs->raw_sb, SB_WANT_EXTRA_ISIZE);

		if (want < 32)
			want = 32; /* what ext4 wants at least: up to i_projid */
		if (want > fs->inode_size - EXT2_GOOD_OLD_ISIZE || (want & 3))
			want = 32 <= fs->inode_size - EXT2_GOOD_OLD_ISIZE
				       ? 32
				       : fs->inode_size - EXT2_GOOD_OLD_ISIZE;
		put_le16(ei->raw, I_EXTRA_ISIZE, (uint16_t)want);
		ei->extra_end += want;
	}
	ei->has_btime = ei->extra_end >= I_CRTIME_EXTRA + 4;
	ei->csum_seed = ext2_inode_seed(fs, ino, ei->generation);
	if ((fs->incompat & INCOMPAT_EXTENTS) &&
	    (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode))) {
		ei->flags |= INODE_FL_EXTENTS;
		extent_root(ei->raw);
	}
	*out = ei;
	return 0;
}

/* Undo new_inode for a node never named. */
static void drop_new(struct ext2_tx *tx, struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	int err = 0;

	if (ei->blocks512)
		err = ext2_truncate_blocks(tx, ei, 0);
	ei->nlink = 0;
	put_le32(ei->raw, I_DTIME, (uint32_t)svc_now().sec);
	if (!err)
		err = ext2_inode_write(tx, ei);
	if (!err)
		err = ext2_free_inode(tx, ei->ino, S_ISDIR(ei->mode));
	if (err)
		svc_log("EXT4-fs (%s): inode %u leaked: error %d", fs->sb->source, ei->ino, err);
	svc_free(fs->cap, ei);
}

/* A new directory's block 0: "." and "..". */
static int init_dir(struct ext2_tx *tx, struct ext2_inode *ei, uint32_t parent)
{
	struct ext2_fs *fs = ei->fs;
	uint8_t *blk = ext2_block_alloc(fs);
	uint64_t pblk;
	uint32_t got;
	uint8_t ft = ext2_ftype(fs, S_IFDIR);
	int err;

	if (!blk)
		return -ENOMEM;
	err = ext2_bmap_alloc(tx, ei, 0, 1, true, &pblk, &got);
	if (err)
		goto out;
	ei->size = fs->bsize;
	put_le32(blk, 0, ei->ino);
	ext2_put_rec(fs, blk, 0, 12);
	blk[6] = 1;
	blk[7] = ft;
	blk[8] = '.';
	put_le32(blk, 12, parent);
	ext2_put_rec(fs, blk, 12, ext2_leaf_space(fs) - 12);
	blk[18] = 2;
	blk[19] = ft;
	blk[20] = blk[21] = '.';
	ext2_dirblock_tail(ei, blk);
	err = ext2_dir_put(tx, ei, 0, blk, 0, true);
out:
	ext2_block_free(fs, blk);
	return err;
}

/* A symlink's target: in i_block when it fits (a fast symlink, without
 * the extent flag), else in a block of its own. */
static int init_symlink(struct ext2_tx *tx, struct ext2_inode *ei, const char *target, size_t tlen)
{
	struct ext2_fs *fs = ei->fs;
	struct svc_buf *b;
	uint64_t pblk;
	uint32_t got;
	int err;

	ei->size = tlen;
	if (tlen < I_BLOCK_SIZE) {
		ei->flags &= ~INODE_FL_EXTENTS;
		memset(ei->raw + I_BLOCK, 0, I_BLOCK_SIZE);
		memcpy(ei->raw + I_BLOCK, target, tlen);
		return 0;
	}
	err = ext2_bmap_alloc(tx, ei, 0, 1, true, &pblk, &got);
	if (err)
		return err;
	b = ext2_tx_new(tx, pblk, &err);
	if (!b)
		return err ? err : -EIO;
	ext2_tx_write(tx, b, 0, target, tlen);
	svc_brelse(fs->cap, b);
	return 0;
}

struct node_args {
	uint32_t mode;
	uint64_t rdev;
	const char *target;
	size_t tlen;
};

static int make_node(struct inode *dir, const char *name, size_t len, const struct node_args *a,
		     struct inode **out)
{
	struct ext2_inode *ed = EI(dir), *ei = NULL;
	struct ext2_fs *fs = ed->fs;
	struct ext2_tx *tx;
	int err = begin_in(ed, name, len, &tx);

	if (err)
		return err;
	if (S_ISDIR(a->mode) && dir_link_max(ed)) {
		err = -EMLINK;
		goto out;
	}
	err = new_inode(tx, ed, a->mode, &ei);
	if (err)
		goto out;
	ei->nlink = S_ISDIR(a->mode) ? 2 : 1;
	if (S_ISDIR(a->mode))
		err = init_dir(tx, ei, ed->ino);
	else if (S_ISLNK(a->mode))
		err = init_symlink(tx, ei, a->target, a->tlen);
	else if (S_ISCHR(a->mode) || S_ISBLK(a->mode)) {
		encode_rdev(ei->raw, a->rdev);
		ei->rdev = a->rdev;
	}
	if (!err)
		err = ext2_inode_write(tx, ei);
	if (!err)
		err = ext2_dir_add(tx, ed, name, len, ei->ino, ei->mode);
	if (err) {
		drop_new(tx, ei);
		goto out;
	}
	if (S_ISDIR(a->mode))
		inc_count(ed);
	touch_dir(ed);
	err = ext2_inode_write(tx, ed);
	if (!err)
		err = ext2_inode_install(fs, ei, out);
	else
		svc_free(fs->cap, ei);
out:
	return end(fs, tx, err);
}

static int ext2_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
		       struct inode **out)
{
	uint32_t type = mode & S_IFMT;
	struct node_args a = {.mode = (type ? type : S_IFREG) | (mode & 07777)};

	if (type && type != S_IFREG && type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR &&
	    type != S_IFBLK)
		return -EINVAL;
	return make_node(dir, name, len, &a, out);
}

static int ext2_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode,
		      struct inode **out)
{
	struct node_args a = {.mode = S_IFDIR | (mode & 07777)};

	return make_node(dir, name, len, &a, out);
}

static int ext2_mknod(struct inode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
		      struct inode **out)
{
	uint32_t type = mode & S_IFMT;
	struct node_args a = {.mode = type | (mode & 07777), .rdev = rdev};

	if (type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR && type != S_IFBLK)
		return -EINVAL;
	if (type == S_IFIFO || type == S_IFSOCK)
		a.rdev = 0;
	return make_node(dir, name, len, &a, out);
}

static int ext2_symlink(struct inode *dir, const char *name, size_t len, const char *target,
			size_t tlen, struct inode **out)
{
	struct node_args a = {.mode = S_IFLNK | 0777, .target = target, .tlen = tlen};

	if (!tlen)
		return -ENOENT;
	if (tlen + 1 > EI(dir)->fs->bsize)
		return -ENAMETOOLONG;
	return make_node(dir, name, len, &a, out);
}

static int ext2_tmpfile(struct inode *dir, uint32_t mode, bool linkable, struct inode **out)
{
	struct ext2_inode *ed = EI(dir), *ei;
	struct ext2_fs *fs = ed->fs;
	struct ext2_tx *tx;
	int err = begin_in(ed, NULL, 0, &tx);

	if (err)
		return err;
	err = new_inode(tx, ed, S_IFREG | (mode & 07777), &ei);
	if (err)
		goto out;
	ei->nlink = 0;
	ei->tmpfile = linkable;
	err = ext2_inode_write(tx, ei);
	if (!err)
		err = ext2_orphan_add(tx, ei);
	if (err) {
		drop_new(tx, ei);
		goto out;
	}
	err = ext2_inode_install(fs, ei, out);
out:
	return end(fs, tx, err);
}

static int ext2_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	struct ext2_inode *ed = EI(dir), *ei = EI(target);
	struct ext2_fs *fs = ed->fs;
	struct ext2_tx *tx;
	int err = begin_in(ed, NULL, 0, &tx);

	if (err)
		return err;
	if (ei->nlink == 0 && !ei->tmpfile) {
		err = -ENOENT; /* a deleted file */
		goto out;
	}
	if ((ed->flags & FL_IMMUTABLE) || frozen(ei)) {
		err = -EPERM;
		goto out;
	}
	if (S_ISDIR(ei->mode)) {
		err = -EPERM;
		goto out;
	}
	if (ei->nlink >= EXT2_LINK_MAX) {
		err = -EMLINK;
		goto out;
	}
	err = absent(ed, name, len);
	if (err)
		goto out;
	err = ext2_dir_add(tx, ed, name, len, ei->ino, ei->mode);
	if (err)
		goto out;
	if (ei->nlink++ == 0) {
		err = ext2_orphan_del(tx, ei); /* a tmpfile gets its name */
		ei->tmpfile = false;
	}
	ei->ctime = svc_now();
	if (!err)
		err = ext2_inode_write(tx, ei);
	touch_dir(ed);
	if (!err)
		err = ext2_inode_write(tx, ed);
out:
	return end(fs, tx, err);
}

/* The inode a slot names, with a new reference. */
static int slot_inode(struct ext2_fs *fs, const struct ext2_dirslot *slot, struct ext2_inode **out)
{
	struct inode *i;
	int err;

	if (slot->ino != EXT2_ROOT_INO &&
	    (slot->ino < fs->first_ino || slot->ino > fs->inodes_count))
		return -EUCLEAN;
	err = ext2_iget(fs, slot->ino, &i);
	if (!err)
		*out = EI(i);
	return err;
}

/* Where `name` is in dir and the inode it names (a new reference):
 * 0, -ENOENT, or the error finding or reading it. */
static int named(struct ext2_inode *dir, const char *name, size_t len, struct ext2_dirslot *slot,
		 struct ext2_inode **out)
{
	int err = ext2_dir_find(dir, name, len, slot);

	return err ? err : slot_inode(dir->fs, slot, out);
}

/* One name of `victim` is gone: its count, and the orphan list at 0. */
static int drop_link(struct ext2_tx *tx, struct ext2_inode *victim)
{
	int err = 0;

	if (S_ISDIR(victim->mode)) {
		victim->nlink = 0;
		victim->size = 0; /* as ext4_rmdir: nothing in it can be reached again */
		ext2_dir_changed(victim);
	} else if (victim->nlink) {
		victim->nlink--;
	}
	victim->ctime = svc_now();
	if (victim->nlink == 0 && !victim->orphan)
		err = ext2_orphan_add(tx, victim); /* writes the inode, its fields as set here */
	else
		err = ext2_inode_write(tx, victim);
	return err;
}

static int remove_name(struct inode *dir, const char *name, size_t len, bool want_dir)
{
	struct ext2_inode *ed = EI(dir), *victim = NULL;
	struct ext2_fs *fs = ed->fs;
	struct ext2_dirslot slot;
	struct ext2_tx *tx;
	int err = begin(fs, &tx);

	if (err)
		return err;
	err = named(ed, name, len, &slot, &victim);
	if (err)
		goto out;
	if (want_dir && !S_ISDIR(victim->mode))
		err = -ENOTDIR;
	else if (!want_dir && S_ISDIR(victim->mode))
		err = -EISDIR;
	else if (frozen(victim) || (ed->flags & (FL_IMMUTABLE | FL_APPEND)))
		err = -EPERM;
	else if (want_dir)
		err = ext2_dir_is_empty(victim);
	if (want_dir && err >= 0)
		err = err == 1 ? 0 : -ENOTEMPTY;
	if (!err)
		err = ext2_dir_remove(tx, ed, &slot);
	if (err)
		goto out;
	err = drop_link(tx, victim);
	if (want_dir)
		dec_count(ed);
	touch_dir(ed);
	if (!err)
		err = ext2_inode_write(tx, ed);
	if (!err)
		ext2_ncache_set(ed, name, len, 0, NULL);
out:
	err = end(fs, tx, err);
	if (victim)
		svc_inode_put(fs->cap, victim->vfs); /* may free it: after the lock */
	return err;
}

static int ext2_unlink(struct inode *dir, const char *name, size_t len)
{
	return remove_name(dir, name, len, false);
}

static int ext2_rmdir(struct inode *dir, const char *name, size_t len)
{
	return remove_name(dir, name, len, true);
}

/* Whether directory `anc` is `d` or one of its ancestors, by the ".."
 * entries from d up to the root. */
static int is_ancestor(struct ext2_fs *fs, uint32_t anc, struct ext2_inode *d)
{
	struct ext2_inode *cur = d;
	struct inode *held = NULL;
	int ret = 0;

	for (uint32_t hops = 0; ret == 0; hops++) {
		uint32_t parent;
		struct inode *next;

		if (cur->ino == anc) {
			ret = 1;
			break;
		}
		if (cur->ino == EXT2_ROOT_INO)
			break;
		if (hops > fs->inodes_count) {
			ret = -EUCLEAN; /* a loop of ".." entries */
			break;
		}
		ret = ext2_dir_parent(cur, &parent);
		if (!ret)
			ret = ext2_iget(fs, parent, &next);
		if (ret)
			break;
		if (held)
			svc_inode_put(fs->cap, held);
		held = next;
		cur = EI(next);
		if (!S_ISDIR(cur->mode))
			ret = -EUCLEAN;
	}
	if (held)
		svc_inode_put(fs->cap, held);
	return ret;
}

struct rename_ctx {
	struct ext2_inode *od, *nd, *src, *dst;
	struct ext2_dirslot os, ns;
};

/* Linux's checks in Linux's order: 0 to go ahead, 1 for a no-op. */
static int rename_check(struct ext2_fs *fs, struct rename_ctx *r)
{
	int err;

	if (S_ISDIR(r->src->mode) && r->od != r->nd) {
		err = is_ancestor(fs, r->src->ino, r->nd);
		if (err)
			return err > 0 ? -EINVAL : err; /* into itself or its own subtree */
	}
	if (r->dst && S_ISDIR(r->dst->mode)) {
		err = is_ancestor(fs, r->dst->ino, r->od);
		if (err)
			return err > 0 ? -ENOTEMPTY : err; /* over an ancestor of the source */
	}
	if (r->dst == r->src)
		return 1;
	if (r->nd->nlink == 0)
		return -ENOENT;
	if (frozen(r->src) || frozen(r->od) || (r->nd->flags & FL_IMMUTABLE) ||
	    (r->dst && (frozen(r->dst) || (r->nd->flags & FL_APPEND))))
		return -EPERM; /* may_delete and may_create's rules */
	if (!r->dst)
		return S_ISDIR(r->src->mode) && r->od != r->nd && dir_link_max(r->nd) ? -EMLINK : 0;
	if (S_ISDIR(r->src->mode) && !S_ISDIR(r->dst->mode))
		return -ENOTDIR;
	if (!S_ISDIR(r->src->mode) && S_ISDIR(r->dst->mode))
		return -EISDIR;
	if (S_ISDIR(r->dst->mode)) {
		err = ext2_dir_is_empty(r->dst);
		if (err <= 0)
			return err ? err : -ENOTEMPTY;
	}
	return 0;
}

static int do_rename(struct ext2_tx *tx, struct rename_ctx *r, const char *oldname, size_t oldlen,
		     const char *newname, size_t newlen)
{
	bool is_dir = S_ISDIR(r->src->mode);
	int err;

	if (r->dst)
		err = ext2_dir_retarget(tx, r->nd, &r->ns, r->src->ino, r->src->mode);
	else
		err = ext2_dir_add(tx, r->nd, newname, newlen, r->src->ino, r->src->mode);
	/* an add may have split the old name's block: find it again */
	if (!err)
		err = ext2_dir_find(r->od, oldname, oldlen, &r->os);
	if (!err && r->os.ino != r->src->ino)
		err = -EUCLEAN;
	if (!err)
		err = ext2_dir_remove(tx, r->od, &r->os);
	if (err)
		return err;
	r->src->ctime = svc_now();
	touch_dir(r->od);
	touch_dir(r->nd);
	if (is_dir && r->od != r->nd)
		err = ext2_dir_set_parent(tx, r->src, r->nd->ino);
	if (!err)
		err = ext2_inode_write(tx, r->src);
	if (is_dir) {
		dec_count(r->od);
		if (!r->dst)
			inc_count(r->nd);
	}
	if (!err && r->dst)
		err = drop_link(tx, r->dst);
	if (!err)
		err = ext2_inode_write(tx, r->od);
	if (!err && r->nd != r->od)
		err = ext2_inode_write(tx, r->nd);
	if (!err) {
		ext2_ncache_set(r->od, oldname, oldlen, 0, NULL);
		if (r->dst) /* an add recorded the name itself */
			ext2_ncache_set(r->nd, newname, newlen, r->src->ino, NULL);
	}
	return err;
}

static int ext2_rename(struct inode *olddir, const char *oldname, size_t oldlen,
		       struct inode *newdir, const char *newname, size_t newlen)
{
	struct rename_ctx r = {.od = EI(olddir), .nd = EI(newdir)};
	struct ext2_fs *fs = r.od->fs;
	struct ext2_tx *tx;
	int err = begin(fs, &tx);

	if (err)
		return err;
	err = named(r.od, oldname, oldlen, &r.os, &r.src);
	if (err)
		goto out;
	err = named(r.nd, newname, newlen, &r.ns, &r.dst);
	if (err == -ENOENT)
		err = 0;
	if (!err)
		err = rename_check(fs, &r);
	if (!err)
		err = do_rename(tx, &r, oldname, oldlen, newname, newlen);
	if (err > 0)
		err = 0;
out:
	err = end(fs, tx, err);
	if (r.src)
		svc_inode_put(fs->cap, r.src->vfs);
	if (r.dst)
		svc_inode_put(fs->cap, r.dst->vfs);
	return err;
}

static int ext2_exchange(struct inode *olddir, const char *oldname, size_t oldlen,
			 struct inode *newdir, const char *newname, size_t newlen)
{
	struct rename_ctx r = {.od = EI(olddir), .nd = EI(newdir)};
	struct ext2_fs *fs = r.od->fs;
	struct ext2_inode *a, *b;
	struct ext2_tx *tx;
	int err = begin(fs, &tx);

	if (err)
		return err;
	err = ext2_dir_find(r.od, oldname, oldlen, &r.os);
	if (!err)
		err = ext2_dir_find(r.nd, newname, newlen, &r.ns);
	if (!err)
		err = slot_inode(fs, &r.os, &r.src);
	if (!err)
		err = slot_inode(fs, &r.ns, &r.dst);
	if (err)
		goto out;
	a = r.src;
	b = r.dst;
	if (S_ISDIR(a->mode) && r.od != r.nd)
		err = is_ancestor(fs, a->ino, r.nd);
	if (!err && S_ISDIR(b->mode) && r.od != r.nd)
		err = is_ancestor(fs, b->ino, r.od);
	if (err)
		goto out_err;
	if (a == b)
		goto out;
	if (frozen(a) || frozen(b) || frozen(r.od) || frozen(r.nd)) {
		err = -EPERM;
		goto out;
	}
	err = ext2_dir_retarget(tx, r.od, &r.os, b->ino, b->mode);
	if (!err)
		err = ext2_dir_retarget(tx, r.nd, &r.ns, a->ino, a->mode);
	if (!err && r.od != r.nd) {
		if (S_ISDIR(a->mode))
			err = ext2_dir_set_parent(tx, a, r.nd->ino);
		if (!err && S_ISDIR(b->mode))
			err = ext2_dir_set_parent(tx, b, r.od->ino);
		if (S_ISDIR(a->mode) && !S_ISDIR(b->mode)) {
			dec_count(r.od);
			inc_count(r.nd);
		} else if (!S_ISDIR(a->mode) && S_ISDIR(b->mode)) {
			dec_count(r.nd);
			inc_count(r.od);
		}
	}
	if (err)
		goto out;
	a->ctime = b->ctime = svc_now();
	touch_dir(r.od);
	touch_dir(r.nd);
	err = ext2_inode_write(tx, a);
	if (!err)
		err = ext2_inode_write(tx, b);
	if (!err)
		err = ext2_inode_write(tx, r.od);
	if (!err && r.od != r.nd)
		err = ext2_inode_write(tx, r.nd);
	if (!err) {
		ext2_ncache_set(r.od, oldname, oldlen, b->ino, NULL);
		ext2_ncache_set(r.nd, newname, newlen, a->ino, NULL);
	}
	goto out;
out_err:
	if (err > 0)
		err = -EINVAL; /* one would end up inside itself */
out:
	err = end(fs, tx, err);
	if (r.src)
		svc_inode_put(fs->cap, r.src->vfs);
	if (r.dst)
		svc_inode_put(fs->cap, r.dst->vfs);
	return err;
}

int ext2_setattr_common(struct inode *ino, const struct vfs_setattr *a)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	struct ext2_tx *tx;
	int err;

	if (a->valid & VFS_SET_SIZE)
		return S_ISDIR(ei->mode) ? -EISDIR : -EINVAL;
	err = begin(fs, &tx);
	if (err)
		return err;
	if (ext2_setattr_refused(ei, a)) {
		err = -EPERM;
		goto out;
	}
	ext2_apply_attrs(ei, a);
	ei->ctime = svc_now();
	err = ext2_inode_write(tx, ei);
out:
	return end(fs, tx, err);
}

const struct dir_ops ext2_dir_ops = {
	.lookup = ext2_dir_lookup,
	.create = ext2_create,
	.mkdir = ext2_mkdir,
	.mknod = ext2_mknod,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.tmpfile = ext2_tmpfile,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.exchange = ext2_exchange,
	.readdir = ext2_readdir,
	.stat = ext2_stat,
	.setattr = ext2_setattr_common,
};
