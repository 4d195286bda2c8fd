/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Who may change a file's attributes, and what a change takes away
 * (kernel/attr.h).  Linux's rules:
 *
 *   chmod      the owner (fsuid) or CAP_FOWNER, else EPERM; a caller
 *              neither in the file's group nor holding CAP_FSETID loses
 *              S_ISGID from the new mode, silently.
 *   chown      a new uid needs CAP_CHOWN (or is the owner's own uid); a
 *              new gid needs CAP_CHOWN, or the owner moving it to a group
 *              it is in.  Any chown of a non-directory, root's too,
 *              clears S_ISUID and S_ISGID-with-group-exec (S_ISGID
 *              without group-exec marks mandatory locking and stays);
 *              clearing them is a mode change, which a non-owner may not
 *              make.  The ctime moves even when nothing else does.
 *   times      explicit times: the owner or CAP_FOWNER (EPERM); "now":
 *              the owner or write permission (EACCES).
 *   truncate   write permission (EACCES).
 *   write      a caller without CAP_FSETID clears the bits chown clears,
 *              on regular files; truncate and fallocate do the same.
 *
 * The file's attributes are read, checked and then changed in two steps:
 * a concurrent chmod may slip in between, which Linux excludes with the
 * inode lock and which only matters to racing owners.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/stat.h>
#include <linux/xattr.h>
#include <kernel/attr.h>
#include <kernel/cred.h>
#include <kernel/perm.h>
#include <kernel/process.h>
#include <kernel/vfs.h>

/* The set-id bits a write or chown takes away from `mode`. */
static uint32_t priv_bits(uint32_t mode)
{
	uint32_t kill = mode & S_ISUID;

	if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		kill |= S_ISGID;
	return kill;
}

static int chown_check(const struct vfs_stat *st, struct vfs_setattr *sa)
{
	bool owner = current_cred()->fsuid == st->uid;
	uint32_t gid = (sa->valid & VFS_SET_GID) ? sa->gid : st->gid;
	uint32_t kill = S_ISDIR(st->mode) ? 0 : priv_bits(st->mode);

	if ((sa->valid & VFS_SET_UID) && !(owner && sa->uid == st->uid) && !capable(CAP_CHOWN))
		return -EPERM;
	if ((sa->valid & VFS_SET_GID) && !(owner && (sa->gid == st->gid || in_group(sa->gid))) &&
	    !capable(CAP_CHOWN))
		return -EPERM;
	sa->mode = st->mode & 07777;
	if (kill) {
		if (!stat_owner_or_capable(st))
			return -EPERM;
		sa->mode &= ~kill;
		if (!in_group(gid) && !capable(CAP_FSETID))
			sa->mode &= ~(uint32_t)S_ISGID;
	}
	sa->valid |= VFS_SET_MODE; /* the ctime moves whatever changes */
	return 0;
}

static int attr_check(const struct vfs_stat *st, struct vfs_setattr *sa, enum attr_why why)
{
	switch (why) {
	case ATTR_CHMOD:
		if (!stat_owner_or_capable(st))
			return -EPERM;
		if (!in_group(st->gid) && !capable(CAP_FSETID))
			sa->mode &= ~(uint32_t)S_ISGID;
		return 0;
	case ATTR_CHOWN:
		return chown_check(st, sa);
	case ATTR_TIMES_SET:
		return stat_owner_or_capable(st) ? 0 : -EPERM;
	case ATTR_TIMES_NOW:
		return stat_owner_or_capable(st) ? 0 : stat_permission(st, MAY_WRITE);
	case ATTR_TRUNCATE:
		if (stat_permission(st, MAY_WRITE))
			return -EACCES;
		if (!capable(CAP_FSETID) && priv_bits(st->mode)) {
			sa->valid |= VFS_SET_MODE;
			sa->mode = st->mode & 07777 & ~priv_bits(st->mode);
		}
		return 0;
	}
	return -EINVAL;
}

int attr_change(struct inode *i, struct vfs_setattr *sa, enum attr_why why)
{
	struct vfs_stat st;
	int err;

	if (i->sb && i->sb->read_only)
		return -EROFS; /* before any permission question, as Linux */
	err = vfs_stat(i, &st);

	if (!err)
		err = attr_check(&st, sa, why);
	return err ? err : vfs_setattr(i, sa);
}

int attr_kill_priv(struct inode *i)
{
	struct vfs_setattr sa = {.valid = VFS_SET_MODE};
	struct vfs_stat st;
	int err;

	if (i->kind != INODE_FILE)
		return 0;
	err = vfs_stat(i, &st);
	if (err)
		return err;
	if (!S_ISREG(st.mode) || !priv_bits(st.mode)) {
		/* nothing to clear until a setattr changes the mode: later
		 * writes skip this (a setattr racing with it at worst leaves
		 * one write that does not clear bits a chmod just set) */
		WRITE_ONCE(i->nosec, true);
		return 0;
	}
	if (capable(CAP_FSETID))
		return 0; /* (the kernel itself, at boot, holds it) */
	sa.mode = st.mode & 07777 & ~priv_bits(st.mode);
	return vfs_setattr(i, &sa);
}

static bool has_prefix(const char *name, const char *prefix, size_t len)
{
	return strncmp(name, prefix, len) == 0;
}

int xattr_permission(struct inode *i, const char *name, bool write)
{
	struct vfs_stat st;
	int err;

	if (has_prefix(name, XATTR_TRUSTED_PREFIX, XATTR_TRUSTED_PREFIX_LEN)) {
		if (!capable(CAP_SYS_ADMIN))
			return write ? -EPERM : -ENODATA;
		return 0;
	}
	if (has_prefix(name, XATTR_SECURITY_PREFIX, XATTR_SECURITY_PREFIX_LEN)) {
		if (!write)
			return 0;
		if (!strcmp(name, XATTR_NAME_CAPS))
			return capable(CAP_SETFCAP) ? 0 : -EPERM;
		return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
	}
	if (has_prefix(name, XATTR_SYSTEM_PREFIX, XATTR_SYSTEM_PREFIX_LEN))
		return 0;
	err = vfs_stat(i, &st);
	if (err)
		return err;
	if (has_prefix(name, XATTR_USER_PREFIX, XATTR_USER_PREFIX_LEN)) {
		if (!S_ISREG(st.mode) && !S_ISDIR(st.mode))
			return write ? -EPERM : -ENODATA;
		if (write && S_ISDIR(st.mode) && (st.mode & S_ISVTX) && !stat_owner_or_capable(&st))
			return -EPERM;
	}
	return stat_permission(&st, write ? MAY_WRITE : MAY_READ);
}

bool xattr_listable(const char *name)
{
	return !has_prefix(name, XATTR_TRUSTED_PREFIX, XATTR_TRUSTED_PREFIX_LEN) ||
	       capable(CAP_SYS_ADMIN);
}
