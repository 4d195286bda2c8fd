/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs: attributes of every kind of node (stat, setattr, times)
 * and the symlink ops.  What Linux's tmpfs reports: a directory's size is
 * 20 bytes per name plus 40 and its link count 2 plus its subdirectories
 * (0 once removed); a regular file has 8 blocks per page actually
 * allocated; a symlink's size is its target's length and it takes a page
 * (8 blocks) only when the target is 128 bytes or longer.
 *
 * Times follow Linux: setattr sets ctime to now whatever it changes,
 * except a size-only change to the same size (truncate(2) to the current
 * length), which changes nothing; a size change also sets mtime.  Accesses
 * use relatime: atime moves when it is not newer than mtime or ctime, or
 * is a day old.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "node.h"

#define RELATIME_SECS (24 * 60 * 60)

void tmpfs_stamp_locked(struct tmpfs_node *n, unsigned which)
{
	struct vfs_time now = svc_now();

	if (which & TMPFS_ATIME)
		n->atime = now;
	if (which & TMPFS_MTIME)
		n->mtime = now;
	if (which & TMPFS_CTIME)
		n->ctime = now;
}

void tmpfs_stamp(struct tmpfs_node *n, unsigned which)
{
	if (n->lock)
		svc_lock(n->fs->cap, n->lock);
	tmpfs_stamp_locked(n, which);
	if (n->lock)
		svc_unlock(n->fs->cap, n->lock);
}

static bool time_le(struct vfs_time a, struct vfs_time b)
{
	return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec);
}

void tmpfs_touch_atime(struct tmpfs_node *n)
{
	struct vfs_time now = svc_now();

	if (time_le(n->atime, n->mtime) || time_le(n->atime, n->ctime) ||
	    now.sec - n->atime.sec >= RELATIME_SECS)
		n->atime = now;
}

int tmpfs_stat(struct inode *ino, struct vfs_stat *st)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	struct tmpfs *fs = n->fs;

	svc_lock(fs->cap, fs->lock);
	st->mode = n->mode;
	st->uid = n->uid;
	st->gid = n->gid;
	st->nlink = n->nlink;
	if (S_ISDIR(n->mode)) {
		st->nlink = n->dead ? 0 : 2 + n->nsubdirs;
		st->size = (int64_t)(2 + n->nentries) * TMPFS_BOGO_DIRENT;
		st->blocks = 0;
	} else if (S_ISLNK(n->mode)) {
		st->size = (int64_t)n->tlen;
		st->blocks = n->tlen >= TMPFS_SHORT_LINK ? TMPFS_PAGE_SIZE / 512 : 0;
	}
	if (!n->lock) {
		st->atime = n->atime;
		st->mtime = n->mtime;
		st->ctime = n->ctime;
	}
	svc_unlock(fs->cap, fs->lock);
	if (n->lock) {
		/* size and times are D's; no need to hold F as well: stat is
		 * not atomic on Linux either */
		tmpfs_file_lock(n); /* pages.count: P's as well */
		st->size = (int64_t)n->size;
		st->blocks = n->pages.count * (TMPFS_PAGE_SIZE / 512);
		st->atime = n->atime;
		st->mtime = n->mtime;
		st->ctime = n->ctime;
		tmpfs_file_unlock(n);
	}
	st->ino = ino->ino;
	st->rdev = n->rdev;
	st->blksize = TMPFS_PAGE_SIZE;
	st->btime = n->btime;
	st->has_btime = true;
	return 0;
}

/* Everything setattr may refuse, checked before anything changes. */
static int setattr_check(const struct tmpfs_node *n, const struct vfs_setattr *a)
{
	if (!(a->valid & VFS_SET_SIZE))
		return 0;
	if (S_ISDIR(n->mode))
		return -EISDIR;
	if (!S_ISREG(n->mode) || a->size < 0)
		return -EINVAL;
	return 0; /* any int64_t size fits TMPFS_MAX_SIZE */
}

int tmpfs_setattr(struct inode *ino, const struct vfs_setattr *a)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	struct tmpfs *fs = n->fs;
	bool ctime = a->valid &
		     (VFS_SET_MODE | VFS_SET_UID | VFS_SET_GID | VFS_SET_ATIME | VFS_SET_MTIME);
	int err = setattr_check(n, a);

	if (err)
		return err;
	svc_lock(fs->cap, fs->lock);
	if (n->lock)
		tmpfs_file_lock(n); /* a size change: the page tree too */
	if (a->valid & VFS_SET_MODE)
		n->mode = (n->mode & S_IFMT) | (a->mode & 07777);
	if (a->valid & VFS_SET_UID)
		n->uid = a->uid;
	if (a->valid & VFS_SET_GID)
		n->gid = a->gid;
	if ((a->valid & VFS_SET_SIZE) && (uint64_t)a->size != n->size) {
		tmpfs_resize(n, (uint64_t)a->size);
		tmpfs_stamp_locked(n, TMPFS_MTIME);
		ctime = true;
	}
	if (a->valid & VFS_SET_ATIME)
		n->atime = a->atime;
	if (a->valid & VFS_SET_MTIME)
		n->mtime = a->mtime;
	if (ctime)
		tmpfs_stamp_locked(n, TMPFS_CTIME);
	if (n->lock)
		tmpfs_file_unlock(n);
	svc_unlock(fs->cap, fs->lock);
	return 0;
}

/* ---- symlinks ---- */

static ssize_t tmpfs_readlink(struct inode *ino, char *buf, size_t size)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	struct tmpfs *fs = n->fs;

	memcpy(buf, n->target, MIN(size, n->tlen)); /* immutable: no lock */
	svc_lock(fs->cap, fs->lock);
	tmpfs_touch_atime(n);
	svc_unlock(fs->cap, fs->lock);
	return (ssize_t)n->tlen;
}

const struct symlink_ops tmpfs_symlink_ops = {
	.readlink = tmpfs_readlink,
	.stat = tmpfs_stat,
	.setattr = tmpfs_setattr,
};
