/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * mount(2) and umount2(2).  A new mount makes a service instance (vfs_mount);
 * MS_REMOUNT changes a mounted instance's flags (read-only or not, nosuid,
 * noatime...) and hands its options to the instance; the propagation
 * flags (MS_SHARED, MS_PRIVATE, MS_SLAVE, MS_UNBINDABLE) are accepted on a
 * mount point and change nothing, as every mount here is private.  MS_BIND
 * shows a directory at a second place (MS_REC binds only the top: mounts
 * below the source are not repeated).  MS_MOVE moves a mount (switch_root
 * moves the new root over "/"), and pivot_root(2) swaps the root's mount
 * for another.  Not supported yet (EINVAL): binding a file, and
 * MS_REMOUNT|MS_BIND, whose flags would be per mount where Kevlar keeps
 * them per instance.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/mount.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/fsnotify.h>
#include <kernel/cred.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "sys.h"

/* Values Linux defines outside its UAPI headers (libc's sys/mount.h). */
#define MNT_FORCE	1
#define MNT_DETACH	2
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW 8
#define MS_PROPAGATION	(MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)

/* `at` is the root of a mounted instance (what remount and the
 * propagation flags act on). */
static bool is_mount_root(const struct path_component *at)
{
	return at->mnt && at->inode == at->mnt->root;
}

/* MS_REMOUNT: new flags for the instance mounted at `at`.  Going
 * read-only while a file is open for writing is EBUSY, as Linux. */
static long remount(struct path_component *at, unsigned long flags, const char *data)
{
	struct vfs_sb *sb;
	bool ro = flags & MS_RDONLY;
	long err;

	if (!is_mount_root(at))
		return -EINVAL;
	sb = at->mnt->sb;
	if (!ro && vfs_sb_bdev_read_only(sb))
		return -EACCES; /* Linux: no writing to a read-only device */
	if (ro && !sb->read_only && __atomic_load_n(&sb->writers, __ATOMIC_ACQUIRE) > 0)
		return -EBUSY;
	err = vfs_remount(sb, ro, data, data ? strlen(data) : 0);
	if (err)
		return err;
	sb->read_only = ro;
	sb->flags = vfs_mount_flags(flags);
	return 0;
}

/* MS_BIND: the directory `usrc` shown at `utarget` too. */
static long bind(uint64_t usrc, uint64_t utarget)
{
	struct path_component *src, *at;
	long err = resolve_at(AT_FDCWD, usrc, RESOLVE_FOLLOW, false, &src);

	if (err)
		return err;
	err = resolve_at(AT_FDCWD, utarget, RESOLVE_FOLLOW, false, &at);
	if (!err) {
		err = capable(CAP_SYS_ADMIN) ? vfs_bind_at(src, at) : -EPERM;
		path_put(at);
	}
	path_put(src);
	return err;
}

/* MS_MOVE: the mount whose root `usrc` names moves over `at` (the
 * caller resolved the target and checked the capability, as Linux). */
static long move(uint64_t usrc, struct path_component *at)
{
	struct path_component *src;
	char first;
	long err;

	if (!usrc || copy_from_user(&first, uptr(usrc), 1))
		return usrc ? -EFAULT : -EINVAL;
	if (!first)
		return -EINVAL;
	err = resolve_at(AT_FDCWD, usrc, RESOLVE_FOLLOW, false, &src);
	if (err)
		return err;
	err = vfs_move_mount(src, at);
	path_put(src);
	return err;
}

/* mount(source, target, fstype, flags, data) */
long sys_mount(const struct syscall_args *a)
{
	unsigned long flags = a->arg[3];
	struct path_component *at;
	char type[32], source[64] = "none", *data = NULL;
	bool change_type, moving;
	long err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	/* Linux's order: remount, bind, propagation, move, a new mount */
	if ((flags & (MS_REMOUNT | MS_BIND)) == (MS_REMOUNT | MS_BIND))
		return -EINVAL; /* per-mount flags: not supported yet */
	if (!(flags & MS_REMOUNT) && (flags & MS_BIND))
		return bind(a->arg[0], a->arg[1]);
	change_type = !(flags & MS_REMOUNT) && (flags & MS_PROPAGATION);
	moving = !(flags & MS_REMOUNT) && !change_type && (flags & MS_MOVE);
	if (!(flags & MS_REMOUNT) && !change_type && !moving) {
		err = strncpy_from_user(type, uptr(a->arg[2]), sizeof(type));
		if (err == -ENAMETOOLONG)
			return -ENODEV;
		if (err < 0)
			return err;
		if (a->arg[0]) {
			err = strncpy_from_user(source, uptr(a->arg[0]), sizeof(source));
			if (err < 0)
				return err;
		}
	}
	if (a->arg[4] && !change_type && !moving) {
		/* the options string, at most a page as Linux copies */
		data = kzalloc(PAGE_SIZE);
		if (!data)
			return -ENOMEM;
		err = strncpy_from_user(data, uptr(a->arg[4]), PAGE_SIZE);
		if (err == -EFAULT) {
			kfree(data);
			return err;
		}
	}
	err = resolve_at(AT_FDCWD, a->arg[1], RESOLVE_FOLLOW, false, &at);
	if (err)
		goto out_free;
	if (!capable(CAP_SYS_ADMIN))
		err = -EPERM; /* after the lookup, as Linux */
	else if (flags & MS_REMOUNT)
		err = remount(at, flags, data);
	else if (change_type)
		err = is_mount_root(at) ? 0 : -EINVAL;
	else if (moving)
		err = move(a->arg[0], at);
	else if (at->inode->kind != INODE_DIR)
		err = -ENOTDIR;
	else
		err = vfs_mount(type, source, data, data ? strlen(data) : 0, flags, at);
	path_put(at);
out_free:
	kfree(data);
	return err;
}

/* umount2(target, flags) */
long sys_umount2(const struct syscall_args *a)
{
	struct path_component *at;
	struct vfs_sb *sb;
	unsigned flags = (unsigned)a->arg[1];
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = resolve_at(AT_FDCWD, a->arg[0], (flags & UMOUNT_NOFOLLOW) ? 0 : RESOLVE_FOLLOW, false,
			 &at);
	if (err)
		return err;
	sb = at->inode->sb;
	err = capable(CAP_SYS_ADMIN) ? vfs_unmount(at, flags & MNT_DETACH) : -EPERM;
	if (!err)
		fsnotify_unmount(sb); /* IN_UNMOUNT for what was watched in it */
	path_put(at);
	return err;
}

/* pivot_root(new_root, put_old) */
long sys_pivot_root(const struct syscall_args *a)
{
	struct path_component *new_root, *put_old, *root, *cwd;
	long err;

	/* Linux: the capability first, then the two lookups (directories) */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = resolve_at(AT_FDCWD, a->arg[0], RESOLVE_FOLLOW | RESOLVE_DIR, false, &new_root);
	if (err)
		return err;
	err = resolve_at(AT_FDCWD, a->arg[1], RESOLVE_FOLLOW | RESOLVE_DIR, false, &put_old);
	if (err)
		goto out_new;
	process_fs_get(&root, &cwd);
	err = root ? vfs_pivot_root(root, new_root, put_old) : -EINVAL;
	if (root)
		path_put(root);
	if (cwd)
		path_put(cwd);
	path_put(put_old);
out_new:
	path_put(new_root);
	return err;
}
