/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The parts of rename(2) that look past the parent directories (fs.c's
 * do_rename resolves them and picks the flags): renameat2's
 * RENAME_EXCHANGE, and the mount point check every rename makes.
 *
 * Linux's order for an exchange, after the flags, the parents and the
 * ".."/"/" names: either name missing is ENOENT; a trailing slash on a
 * name that is not a directory is ENOTDIR; one name a directory holding
 * the other is EINVAL (the service checks, under its namespace lock);
 * one inode under both names succeeds doing nothing; a mount point on
 * either side is EBUSY; a filesystem without exchange gives EINVAL.
 */
#include <klib/errno.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "sys.h"

static int covers(void *ctx, const struct mount *m)
{
	const struct inode *ino = ctx;
	uint64_t dev = ino->sb ? ino->sb->dev_id : 0;

	return m->mountpoint && m->key_dev == dev && m->key_ino == ino->ino;
}

/* A filesystem is mounted over the directory `ino`. */
static bool is_mountpoint(struct inode *ino)
{
	return ino->kind == INODE_DIR && vfs_for_each_mount(covers, ino) != 0;
}

/* Linux's EBUSY for a rename that would move a mount point or replace
 * one.  Renaming over a name of the other kind is left to the service's
 * EISDIR/ENOTDIR, which Linux checks first; a missing source to its
 * ENOENT. */
long rename_busy(const struct parent *from, const struct parent *to)
{
	struct inode *src, *dst;
	long err = 0;

	if (vfs_lookup(from->dir->inode, from->name, from->len, &src))
		return 0;
	if (!vfs_lookup(to->dir->inode, to->name, to->len, &dst)) {
		if (dst != src && (src->kind == INODE_DIR) == (dst->kind == INODE_DIR) &&
		    (is_mountpoint(src) || is_mountpoint(dst)))
			err = -EBUSY;
		inode_put(dst);
	} else if (is_mountpoint(src)) {
		err = -EBUSY;
	}
	inode_put(src);
	return err;
}

long rename_exchange(const struct parent *from, const struct parent *to)
{
	struct inode *a, *b;
	long err = vfs_lookup(from->dir->inode, from->name, from->len, &a);

	if (err)
		return err;
	err = vfs_lookup(to->dir->inode, to->name, to->len, &b);
	if (err)
		goto out_put_a;
	if ((from->trailing_slash && a->kind != INODE_DIR) ||
	    (to->trailing_slash && b->kind != INODE_DIR))
		err = -ENOTDIR;
	else if (a != b && (is_mountpoint(a) || is_mountpoint(b)))
		err = -EBUSY;
	else
		err = vfs_exchange(from->dir->inode, from->name, from->len, to->dir->inode,
				   to->name, to->len);
	inode_put(b);
out_put_a:
	inode_put(a);
	return err;
}
