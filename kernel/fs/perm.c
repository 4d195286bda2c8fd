/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Permission checks on inodes (kernel/perm.h): the owner's, the group's
 * or the others' three bits, whichever class the caller falls in first,
 * then the capabilities that override a refusal.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/stat.h>
#include <kernel/cred.h>
#include <kernel/perm.h>
#include <kernel/process.h>
#include <kernel/vfs.h>

int stat_permission(const struct vfs_stat *st, int may)
{
	const struct cred *c = current_cred();
	unsigned bits = st->mode;
	bool dir = S_ISDIR(st->mode);

	if (c->fsuid == st->uid)
		bits >>= 6;
	else if (in_group(st->gid))
		bits >>= 3;
	if ((may & ~bits & 7) == 0)
		return 0;
	/* read and search of directories, reading of anything else */
	if (cred_capable(c, CAP_DAC_READ_SEARCH) && (dir ? !(may & MAY_WRITE) : may == MAY_READ))
		return 0;
	/* anything, but executing a file needs some execute bit */
	if (cred_capable(c, CAP_DAC_OVERRIDE) && (dir || !(may & MAY_EXEC) || (st->mode & 0111)))
		return 0;
	return -EACCES;
}

int inode_permission(struct inode *i, int may)
{
	struct vfs_stat st;
	int err = vfs_stat(i, &st);

	if (!err)
		err = stat_permission(&st, may);
	return err == -EACCES && procfs_permits(i) ? 0 : err;
}

bool stat_owner_or_capable(const struct vfs_stat *st)
{
	const struct cred *c = current_cred();

	return c->fsuid == st->uid || cred_capable(c, CAP_FOWNER);
}
