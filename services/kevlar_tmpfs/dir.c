/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs: directories.  A directory's names sit in a chained hash
 * table (for lookup) and on a list in the order they were added, each with
 * a serial number from a per-directory counter that never goes back.  The
 * serial is the readdir position: "." is 0, ".." is 1, a name is emitted
 * from position p if its serial is >= p, and the position then moves past
 * it.  So a position stays valid however many names are added or removed
 * between two getdents() calls: nothing is emitted twice or skipped,
 * except that a name added meanwhile appears (it is newest) and a name
 * renamed meanwhile may appear again under its new name (it gets a new
 * serial in its new place, as on Linux's tmpfs).
 *
 * Every op takes F for its whole length (node.h).  Errors are Linux's:
 * -EEXIST for a name in use, -ENOENT in a removed directory, -EPERM to
 * hard-link a directory, -EISDIR/-ENOTDIR for the wrong kind, -ENOTEMPTY,
 * -EINVAL to move a directory under itself; renaming a name onto itself
 * or onto another link of the same file succeeds and does nothing.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "node.h"

#define MIN_BUCKETS 8

/* FNV-1a */
static uint32_t name_hash(const char *name, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)name[i]) * 16777619u;
	return h;
}

static struct tmpfs_dirent *find(const struct tmpfs_node *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *de;

	if (!dir->nbuckets)
		return NULL;
	de = dir->buckets[name_hash(name, len) & (dir->nbuckets - 1)];
	for (; de; de = de->hnext) {
		if (de->len == len && !memcmp(de->name, name, len))
			return de;
	}
	return NULL;
}

static void hash_in(struct tmpfs_dirent **buckets, uint32_t nbuckets, struct tmpfs_dirent *de)
{
	struct tmpfs_dirent **head = &buckets[name_hash(de->name, de->len) & (nbuckets - 1)];

	de->hnext = *head;
	*head = de;
}

/* Make sure one more name can be added without allocating: the table
 * exists (else -ENOMEM); it doubles when the chains get long, if memory
 * allows (longer chains are only slower). */
static int reserve(struct tmpfs_node *dir)
{
	struct tmpfs_dirent **buckets;
	struct tmpfs_dirent *de;
	uint32_t n;

	if (dir->nbuckets && dir->nentries < 2 * dir->nbuckets)
		return 0;
	if (dir->nbuckets > UINT32_MAX / 4)
		return 0;
	n = dir->nbuckets ? 2 * dir->nbuckets : MIN_BUCKETS;
	buckets = svc_alloc(dir->fs->cap, n * sizeof(*buckets));
	if (!buckets)
		return dir->nbuckets ? 0 : -ENOMEM;
	list_for_each_entry (de, &dir->entries, order)
		hash_in(buckets, n, de);
	svc_free(dir->fs->cap, dir->buckets);
	dir->buckets = buckets;
	dir->nbuckets = n;
	return 0;
}

static struct tmpfs_dirent *dirent_new(struct tmpfs *fs, const char *name, size_t len)
{
	struct tmpfs_dirent *de = svc_alloc(fs->cap, offsetof(struct tmpfs_dirent, name) + len);

	if (de) {
		memcpy(de->name, name, len);
		de->len = len;
		list_init(&de->order);
	}
	return de;
}

/* Give de->node the name de in dir (reserve() done): the directory's or
 * file's link counts follow. */
static void attach(struct tmpfs_node *dir, struct tmpfs_dirent *de)
{
	struct tmpfs_node *n = de->node;

	de->serial = dir->next_serial++;
	hash_in(dir->buckets, dir->nbuckets, de);
	list_add_tail(&de->order, &dir->entries);
	dir->nentries++;
	if (S_ISDIR(n->mode)) {
		n->parent = dir;
		dir->nsubdirs++;
	} else if (++n->nlink > 1) {
		/* each further name costs an inode of nr_inodes=, as Linux */
		__atomic_add_fetch(&n->fs->ninodes, 1, __ATOMIC_RELAXED);
	}
}

/* Take the name de out of dir; the caller frees it, and forgets the node
 * if that was its last name. */
static void detach(struct tmpfs_node *dir, struct tmpfs_dirent *de)
{
	struct tmpfs_dirent **pp =
		&dir->buckets[name_hash(de->name, de->len) & (dir->nbuckets - 1)];
	struct tmpfs_node *n = de->node;

	while (*pp != de)
		pp = &(*pp)->hnext;
	*pp = de->hnext;
	list_del(&de->order);
	dir->nentries--;
	if (S_ISDIR(n->mode)) {
		n->parent = NULL;
		dir->nsubdirs--;
	} else if (n->nlink-- > 1) {
		__atomic_sub_fetch(&n->fs->ninodes, 1, __ATOMIC_RELAXED);
	}
}

/* A name just left dir: its mtime and ctime move. */
static void dir_changed(struct tmpfs_node *dir)
{
	tmpfs_stamp_locked(dir, TMPFS_MTIME | TMPFS_CTIME);
}

/* ---- lookup and creation ---- */

static int tmpfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct tmpfs_node *d = tmpfs_node_of(dir);
	struct tmpfs_dirent *de;
	int err = -ENOENT;

	svc_lock(d->fs->cap, d->fs->lock);
	de = d->dead ? NULL : find(d, name, len);
	if (de) {
		svc_inode_get(d->fs->cap, de->node->inode);
		*out = de->node->inode;
		err = 0;
	}
	svc_unlock(d->fs->cap, d->fs->lock);
	return err;
}

/* A new node's owner: the creator's fsuid and fsgid, or in a setgid
 * directory its gid (a new directory keeps the setgid bit). F held. */
static void init_owner(struct tmpfs_node *n, const struct tmpfs_node *dir)
{
	svc_creator(&n->uid, &n->gid);
	if (dir->mode & S_ISGID) {
		n->gid = dir->gid;
		if (S_ISDIR(n->mode))
			n->mode |= S_ISGID;
	}
}

/* create, mkdir and symlink: a new node of `mode` called name in dir. */
static int make(struct inode *dir, const char *name, size_t len, uint32_t mode, const char *target,
		size_t tlen, uint64_t rdev, struct inode **out)
{
	struct tmpfs_node *d = tmpfs_node_of(dir), *n;
	struct tmpfs *fs = d->fs;
	struct tmpfs_dirent *de;
	int err;

	svc_lock(fs->cap, fs->lock);
	err = d->dead ? -ENOENT : find(d, name, len) ? -EEXIST : reserve(d);
	if (!err && fs->max_inodes &&
	    __atomic_load_n(&fs->ninodes, __ATOMIC_RELAXED) >= fs->max_inodes)
		err = -ENOSPC; /* the nr_inodes= limit */
	if (err)
		goto out_unlock;
	err = -ENOMEM;
	de = dirent_new(fs, name, len);
	if (!de)
		goto out_unlock;
	n = tmpfs_node_new(fs, mode, target, tlen);
	if (!n) {
		svc_free(fs->cap, de);
		goto out_unlock;
	}
	n->rdev = rdev;
	init_owner(n, d);
	de->node = n;
	attach(d, de);
	list_add_tail(&n->all, &fs->nodes); /* the tree's reference */
	dir_changed(d);
	if (out) {
		svc_inode_get(n->fs->cap, n->inode);
		*out = n->inode;
	}
	err = 0;
out_unlock:
	svc_unlock(fs->cap, fs->lock);
	return err;
}

static int tmpfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
			struct inode **out)
{
	uint32_t type = mode & S_IFMT;

	if (!type)
		type = S_IFREG;
	if (type != S_IFREG && type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR &&
	    type != S_IFBLK)
		return -EINVAL;
	return make(dir, name, len, type | (mode & 07777), NULL, 0, 0, out);
}

static int tmpfs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode,
		       struct inode **out)
{
	return make(dir, name, len, S_IFDIR | (mode & 07777), NULL, 0, 0, out);
}

static int tmpfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
			 size_t tlen, struct inode **out)
{
	if (!tlen)
		return -ENOENT;
	if (tlen > TMPFS_SYMLINK_MAX)
		return -ENAMETOOLONG;
	return make(dir, name, len, S_IFLNK | 0777, target, tlen, 0, out);
}

static int tmpfs_mknod(struct inode *dir, const char *name, size_t len, uint32_t mode,
		       uint64_t rdev, struct inode **out)
{
	uint32_t type = mode & S_IFMT;

	if (type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR && type != S_IFBLK)
		return -EINVAL;
	if (type == S_IFIFO || type == S_IFSOCK)
		rdev = 0;
	return make(dir, name, len, type | (mode & 07777), NULL, 0, rdev, out);
}

static int tmpfs_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	struct tmpfs_node *d = tmpfs_node_of(dir), *n = tmpfs_node_of(target);
	struct tmpfs *fs = d->fs;
	struct tmpfs_dirent *de;
	int err;

	if (target->kind == INODE_DIR)
		return -EPERM;
	if (target->sb != dir->sb)
		return -EXDEV;
	svc_lock(fs->cap, fs->lock);
	err = d->dead ? -ENOENT : find(d, name, len) ? -EEXIST : reserve(d);
	if (!err && !n->nlink && !n->linkable)
		err = -ENOENT; /* unlinked but still open: no way back in */
	if (!err && n->nlink && fs->max_inodes &&
	    __atomic_load_n(&fs->ninodes, __ATOMIC_RELAXED) >= fs->max_inodes)
		err = -ENOSPC; /* a further name counts against nr_inodes= */
	if (err)
		goto out_unlock;
	de = dirent_new(fs, name, len);
	if (!de) {
		err = -ENOMEM;
		goto out_unlock;
	}
	de->node = n;
	if (n->linkable) { /* an O_TMPFILE file's first name */
		n->linkable = false;
		list_add_tail(&n->all, &fs->nodes);
		svc_inode_get(n->fs->cap, n->inode);
	}
	attach(d, de); /* the tree holds one reference for all its names */
	tmpfs_stamp(n, TMPFS_CTIME);
	dir_changed(d);
out_unlock:
	svc_unlock(fs->cap, fs->lock);
	return err;
}

/* O_TMPFILE: a regular file with no name in dir's instance; the caller
 * holds its only reference.  link(2) may give it a name later, unless
 * `linkable` is false (O_EXCL). */
static int tmpfs_tmpfile(struct inode *dir, uint32_t mode, bool linkable, struct inode **out)
{
	struct tmpfs_node *d = tmpfs_node_of(dir), *n;
	struct tmpfs *fs = d->fs;
	int err = 0;

	svc_lock(fs->cap, fs->lock);
	if (d->dead)
		err = -ENOENT;
	else if (fs->max_inodes &&
		 __atomic_load_n(&fs->ninodes, __ATOMIC_RELAXED) >= fs->max_inodes)
		err = -ENOSPC;
	if (err)
		goto out_unlock;
	n = tmpfs_node_new(fs, S_IFREG | (mode & 07777), NULL, 0);
	if (!n) {
		err = -ENOMEM;
		goto out_unlock;
	}
	init_owner(n, d);
	n->linkable = linkable;
	*out = n->inode; /* the reference inode_alloc() gave */
out_unlock:
	svc_unlock(fs->cap, fs->lock);
	return err;
}

/* ---- removal ---- */

/* The name de (of a node of the wanted kind) leaves dir: the node is
 * forgotten when it was its last name. */
static void drop_name(struct tmpfs_node *dir, struct tmpfs_dirent *de)
{
	struct tmpfs_node *n = de->node;

	detach(dir, de);
	svc_free(dir->fs->cap, de);
	if (S_ISDIR(n->mode))
		n->dead = true;
	tmpfs_stamp(n, TMPFS_CTIME);
	if (S_ISDIR(n->mode) || !n->nlink)
		tmpfs_forget(n);
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_node *d = tmpfs_node_of(dir);
	struct tmpfs_dirent *de;
	int err = 0;

	svc_lock(d->fs->cap, d->fs->lock);
	de = find(d, name, len);
	if (!de)
		err = -ENOENT;
	else if (S_ISDIR(de->node->mode))
		err = -EISDIR;
	if (!err) {
		drop_name(d, de);
		dir_changed(d);
	}
	svc_unlock(d->fs->cap, d->fs->lock);
	return err;
}

static int tmpfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_node *d = tmpfs_node_of(dir);
	struct tmpfs_dirent *de;
	int err = 0;

	svc_lock(d->fs->cap, d->fs->lock);
	de = find(d, name, len);
	if (!de)
		err = -ENOENT;
	else if (!S_ISDIR(de->node->mode))
		err = -ENOTDIR;
	else if (de->node->nentries)
		err = -ENOTEMPTY;
	if (!err) {
		drop_name(d, de);
		dir_changed(d);
	}
	svc_unlock(d->fs->cap, d->fs->lock);
	return err;
}

/* ---- rename ---- */

/* true if `a` is `d` or one of its ancestors */
static bool contains(const struct tmpfs_node *a, const struct tmpfs_node *d)
{
	for (; d; d = d->parent) {
		if (d == a)
			return true;
	}
	return false;
}

/* Linux's checks in Linux's order (do_renameat2, then vfs_rename, then
 * simple_rename): 0 if the rename may go ahead, 1 if it is a no-op. */
static int rename_check(struct tmpfs_node *od, struct tmpfs_node *nd, struct tmpfs_dirent *old,
			struct tmpfs_dirent *new)
{
	struct tmpfs_node *src = old->node, *dst = new ? new->node : NULL;

	if (S_ISDIR(src->mode) && contains(src, nd))
		return -EINVAL; /* into itself or its own subtree */
	if (dst && S_ISDIR(dst->mode) && contains(dst, od))
		return -ENOTEMPTY; /* over an ancestor of the source */
	if (dst == src)
		return 1; /* the same name, or two links of one file */
	if (!dst)
		return nd->dead ? -ENOENT : 0;
	if (S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
		return -ENOTDIR;
	if (!S_ISDIR(src->mode) && S_ISDIR(dst->mode))
		return -EISDIR;
	if (S_ISDIR(dst->mode) && dst->nentries)
		return -ENOTEMPTY;
	return 0;
}

static int tmpfs_rename(struct inode *olddir, const char *oldname, size_t oldlen,
			struct inode *newdir, const char *newname, size_t newlen)
{
	struct tmpfs_node *od = tmpfs_node_of(olddir), *nd = tmpfs_node_of(newdir);
	struct tmpfs *fs = od->fs;
	struct tmpfs_dirent *old, *new, *moved;
	int err;

	if (olddir->sb != newdir->sb)
		return -EXDEV;
	svc_lock(fs->cap, fs->lock);
	old = find(od, oldname, oldlen);
	if (!old) {
		err = -ENOENT;
		goto out_unlock;
	}
	new = find(nd, newname, newlen);
	err = rename_check(od, nd, old, new);
	if (err)
		goto out_unlock_noop;
	err = new ? 0 : reserve(nd);
	if (err)
		goto out_unlock;
	moved = dirent_new(fs, newname, newlen);
	if (!moved) {
		err = -ENOMEM;
		goto out_unlock;
	}
	/* from here on nothing fails */
	moved->node = old->node;
	if (new)
		drop_name(nd, new);
	detach(od, old);
	svc_free(fs->cap, old);
	attach(nd, moved);
	tmpfs_stamp(moved->node, TMPFS_CTIME);
	dir_changed(od);
	dir_changed(nd);
out_unlock_noop:
	if (err > 0)
		err = 0;
out_unlock:
	svc_unlock(fs->cap, fs->lock);
	return err;
}

/* Move the directory `n` from `from` to `to` without renaming it (an
 * exchange across directories): its parent and the subdirectory counts,
 * which are the directories' link counts. */
static void reparent(struct tmpfs_node *n, struct tmpfs_node *from, struct tmpfs_node *to)
{
	if (!S_ISDIR(n->mode))
		return;
	n->parent = to;
	from->nsubdirs--;
	to->nsubdirs++;
}

/* RENAME_EXCHANGE: each name keeps its place in its directory and takes
 * the other's node, so nothing is allocated and nothing can fail after the
 * checks (Linux's order: ENOENT, then the ancestor checks). */
static int tmpfs_exchange(struct inode *olddir, const char *oldname, size_t oldlen,
			  struct inode *newdir, const char *newname, size_t newlen)
{
	struct tmpfs_node *od = tmpfs_node_of(olddir), *nd = tmpfs_node_of(newdir);
	struct tmpfs_dirent *old, *new;
	struct tmpfs_node *a, *b;
	int err = 0;

	if (olddir->sb != newdir->sb)
		return -EXDEV;
	svc_lock(od->fs->cap, od->fs->lock);
	old = find(od, oldname, oldlen);
	new = find(nd, newname, newlen);
	if (!old || !new) {
		err = -ENOENT;
		goto out_unlock;
	}
	a = old->node;
	b = new->node;
	if ((S_ISDIR(a->mode) && contains(a, nd)) || (S_ISDIR(b->mode) && contains(b, od))) {
		err = -EINVAL; /* one would end up inside itself */
		goto out_unlock;
	}
	if (a == b)
		goto out_unlock; /* one name, or two links of one file */
	old->node = b;
	new->node = a;
	if (od != nd) {
		reparent(a, od, nd);
		reparent(b, nd, od);
	}
	tmpfs_stamp(a, TMPFS_CTIME); /* a file's times are under its D lock */
	tmpfs_stamp(b, TMPFS_CTIME);
	dir_changed(od);
	dir_changed(nd);
out_unlock:
	svc_unlock(od->fs->cap, od->fs->lock);
	return err;
}

/* ---- listing ---- */

static int tmpfs_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	struct tmpfs_node *d = tmpfs_node_of(dir);
	struct tmpfs_dirent *de;
	int err = 0;

	svc_lock(d->fs->cap, d->fs->lock);
	if (d->dead) {
		err = -ENOENT; /* as Linux's iterate_dir() on a removed directory */
		goto out_unlock;
	}
	if (*pos == 0) {
		if (emit(ctx, ".", 1, dir->ino, VFS_DTYPE(S_IFDIR)))
			goto out_touch;
		*pos = 1;
	}
	if (*pos == 1) {
		const struct tmpfs_node *up = d->parent ? d->parent : d;

		if (emit(ctx, "..", 2, up->inode->ino, VFS_DTYPE(S_IFDIR)))
			goto out_touch;
		*pos = TMPFS_FIRST_SERIAL;
	}
	list_for_each_entry (de, &d->entries, order) {
		if (de->serial < *pos)
			continue;
		if (emit(ctx, de->name, de->len, de->node->inode->ino, VFS_DTYPE(de->node->mode)))
			break;
		*pos = de->serial + 1;
	}
out_touch:
	tmpfs_touch_atime(d);
out_unlock:
	svc_unlock(d->fs->cap, d->fs->lock);
	return err;
}

const struct dir_ops tmpfs_dir_ops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.mkdir = tmpfs_mkdir,
	.mknod = tmpfs_mknod,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.tmpfile = tmpfs_tmpfile,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.exchange = tmpfs_exchange,
	.readdir = tmpfs_readdir,
	.stat = tmpfs_stat,
	.setattr = tmpfs_setattr,
};
