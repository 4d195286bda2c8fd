/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Inode flags as chattr and lsattr see them (FS_IOC_GETFLAGS and
 * FS_IOC_SETFLAGS, through vfs_sb_ops.getflags/setflags): ext4 shows the
 * flags of EXT4_FL_USER_VISIBLE and lets a caller change those of
 * EXT4_FL_USER_MODIFIABLE, keeping the others as they are.  The kernel
 * has checked ownership and CAP_LINUX_IMMUTABLE; here, as in ext4: a flag
 * outside the visible set is -EOPNOTSUPP, and so is a change of the
 * extent flag (ext4 would migrate the file; this service does not) or of
 * casefold; an immutable inode that stays immutable may not change any
 * other flag (-EPERM).  What the flags forbid (changes to an immutable
 * or append-only inode) is refused by the ops that change it.
 */
#include <klib/errno.h>
#include "ext2.h"
#include "tx.h"

#define FL_USER_VISIBLE	   0x705bdfffu
#define FL_USER_MODIFIABLE 0x604bc0ffu
#define FL_IMMUTABLE	   0x00000010u
#define FL_CASEFOLD	   0x40000000u

int ext2_getflags(struct inode *ino, uint32_t *flags)
{
	*flags = EI(ino)->flags & FL_USER_VISIBLE;
	return 0;
}

int ext2_setflags(struct inode *ino, uint32_t flags)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	struct ext2_tx *tx;
	uint32_t old, now;
	int err;

	if (flags & ~FL_USER_VISIBLE)
		return -EOPNOTSUPP;
	svc_lock(fs->cap, fs->wlock);
	err = ext2_tx_begin(fs, 2, &tx);
	if (err)
		goto out_unlock;
	old = ei->flags;
	now = (flags & FL_USER_MODIFIABLE) | (old & ~FL_USER_MODIFIABLE);
	if ((old & FL_IMMUTABLE) && (flags & FL_IMMUTABLE) &&
	    (old & FL_USER_VISIBLE & ~FL_IMMUTABLE) != (flags & ~FL_IMMUTABLE))
		err = -EPERM;
	else if ((old ^ now) & (INODE_FL_EXTENTS | FL_CASEFOLD))
		err = -EOPNOTSUPP;
	if (!err && now != old) {
		ei->flags = now;
		ei->ctime = svc_now();
		err = ext2_inode_write(tx, ei);
	}
	if (ext2_tx_end(tx) && !err)
		err = -EIO;
out_unlock:
	svc_unlock(fs->cap, fs->wlock);
	return err;
}
