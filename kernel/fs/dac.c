/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Discretionary access control of path and file operations (kernel/dac.h):
 * search on the walk, create and delete in directories (with the sticky
 * bit), open by access mode, and Linux's protected_hardlinks.  A caller
 * whose capabilities grant everything asked is answered without a stat,
 * so root's path walks and mutations cost no more than before.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <kernel/cred.h>
#include <kernel/dac.h>
#include <kernel/perm.h>
#include <kernel/process.h>
#include <kernel/vfs.h>

/* The kernel's own threads hold every capability (init_cred). */
static bool cap(int c)
{
	return capable(c);
}

bool dac_search_all(void)
{
	return cap(CAP_DAC_OVERRIDE) || cap(CAP_DAC_READ_SEARCH);
}

int dac_may_search(struct inode *dir)
{
	return dac_search_all() ? 0 : inode_permission(dir, MAY_EXEC);
}

int dac_may_create(struct inode *dir, const char *name, size_t len)
{
	struct inode *old;

	if (cap(CAP_DAC_OVERRIDE))
		return 0; /* the service reports a name taken itself */
	if (vfs_lookup(dir, name, len, &old) == 0) {
		inode_put(old);
		return -EEXIST;
	}
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

int dac_may_delete(struct inode *dir, const char *name, size_t len)
{
	struct vfs_stat dst, vst;
	struct inode *v;
	int err;

	if (cap(CAP_DAC_OVERRIDE) && cap(CAP_FOWNER))
		return 0;
	err = vfs_lookup(dir, name, len, &v);
	if (err)
		return err;
	err = vfs_stat(dir, &dst);
	if (!err)
		err = stat_permission(&dst, MAY_WRITE | MAY_EXEC);
	/* the sticky bit: only the file's or the directory's owner */
	if (!err && (dst.mode & S_ISVTX) && !stat_owner_or_capable(&dst)) {
		err = vfs_stat(v, &vst);
		if (!err && !stat_owner_or_capable(&vst))
			err = -EPERM;
	}
	inode_put(v);
	return err;
}

int dac_may_open(const struct vfs_stat *st, unsigned flags)
{
	int may = (flags & O_ACCMODE) == O_RDONLY   ? MAY_READ
		  : (flags & O_ACCMODE) == O_WRONLY ? MAY_WRITE
						    : MAY_READ | MAY_WRITE;
	int err;

	if (flags & O_TRUNC)
		may |= MAY_WRITE;
	if (S_ISDIR(st->mode) && (may & MAY_WRITE))
		return -EISDIR;
	err = stat_permission(st, may);
	if (!err && (flags & O_NOATIME) && !stat_owner_or_capable(st))
		err = -EPERM;
	return err;
}

int dac_may_link(struct inode *target)
{
	struct vfs_stat st;
	int err = vfs_stat(target, &st);

	if (err)
		return err;
	if (stat_owner_or_capable(&st))
		return 0;
	/* a file the caller could not have copied is not linked either */
	if (S_ISREG(st.mode) && !(st.mode & S_ISUID) &&
	    (st.mode & (S_ISGID | S_IXGRP)) != (S_ISGID | S_IXGRP) &&
	    stat_permission(&st, MAY_READ | MAY_WRITE) == 0)
		return 0;
	return -EPERM;
}

int dac_may_rename(struct inode *olddir, const char *oldname, size_t oldlen, struct inode *newdir,
		   const char *newname, size_t newlen, bool exchange)
{
	struct inode *src, *dst = NULL;
	int err;

	if (cap(CAP_DAC_OVERRIDE) && cap(CAP_FOWNER))
		return 0;
	err = vfs_lookup(olddir, oldname, oldlen, &src);
	if (err)
		return err;
	if (vfs_lookup(newdir, newname, newlen, &dst) == 0 && dst == src)
		goto out; /* two names of one inode: nothing to do, nothing to check */
	err = dac_may_delete(olddir, oldname, oldlen);
	if (!err && dst)
		err = dac_may_delete(newdir, newname, newlen);
	else if (!err && exchange)
		err = -ENOENT; /* nothing to swap with */
	else if (!err)
		err = inode_permission(newdir, MAY_WRITE | MAY_EXEC);
	/* a directory moving to a new parent rewrites its ".." */
	if (!err && newdir != olddir && src->kind == INODE_DIR)
		err = inode_permission(src, MAY_WRITE);
	if (!err && newdir != olddir && exchange && dst && dst->kind == INODE_DIR)
		err = inode_permission(dst, MAY_WRITE);
out:
	if (dst)
		inode_put(dst);
	inode_put(src);
	return err;
}

int dac_may_tmpfile(struct inode *dir)
{
	return cap(CAP_DAC_OVERRIDE) ? 0 : inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

int dac_real_ids_begin(struct dac_saved_ids *s)
{
	const struct cred *c = current_cred();
	struct cred *o;

	s->old = NULL;
	/* the usual case (as Linux's access_need_override_creds): the real
	 * ids are the fs ids and the capabilities already what they would be */
	if (c->fsuid == c->uid && c->fsgid == c->gid &&
	    c->cap_eff == (c->uid == 0 ? c->cap_prm : 0))
		return 0;
	o = cred_prepare();
	if (!o)
		return -ENOMEM;
	o->fsuid = o->uid;
	o->fsgid = o->gid;
	o->cap_eff = o->uid == 0 ? o->cap_prm : 0;
	s->old = cred_override(o);
	return 0;
}

void dac_real_ids_end(const struct dac_saved_ids *s)
{
	const struct cred *o;

	if (!s->old)
		return;
	o = current_cred();
	cred_revert(s->old);
	cred_put(o);
}
