/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * mknod and mknodat: a regular file (type 0 or S_IFREG, made as creat()
 * would), a FIFO, a character or block device node, or a socket node,
 * with the permission bits less the umask.  Errors in Linux's order: the
 * type first (a directory is EPERM, an unknown type EINVAL), then the
 * path; a name in use is EEXIST before a read-only filesystem's EROFS; a
 * trailing slash on a new name is ENOENT.  `dev` is the 32-bit dev_t of
 * the syscall ABI (major in bits 8-19, minor in 0-7 and 20-31), which is
 * also the st_rdev the node shows.  Only root calls yet, so device nodes
 * need no CAP_MKNOD check.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "sys.h"

/* mode_t as the kernel takes it: 16 bits, higher bits ignored */
#define MODE_MASK 0177777u

static long check_type(unsigned mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFIFO:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

static long do_mknod(int dirfd, uint64_t upath, unsigned mode, uint32_t dev)
{
	struct inode *ino = NULL;
	struct parent pr;
	uint32_t perm;
	long err;

	mode &= MODE_MASK;
	err = check_type(mode);
	if (err)
		return err;
	err = parent_at(dirfd, upath, &pr);
	if (err)
		return err;
	perm = mode & 07777 & ~current_umask();
	if (!pr.len || is_dots(&pr)) {
		err = -EEXIST;
		goto out;
	}
	err = vfs_lookup(pr.dir->inode, pr.name, pr.len, &ino);
	if (!err) {
		err = -EEXIST;
		goto out;
	}
	if (err != -ENOENT)
		goto out;
	if (pr.trailing_slash) {
		err = -ENOENT;
		goto out;
	}
	/* device nodes need CAP_MKNOD (a whiteout, char 0:0, does not) */
	if ((S_ISBLK(mode) || (S_ISCHR(mode) && dev)) && !capable(CAP_MKNOD))
		err = -EPERM;
	else if ((mode & S_IFMT) == 0 || S_ISREG(mode))
		err = vfs_create(pr.dir->inode, pr.name, pr.len, S_IFREG | perm, &ino);
	else
		err = vfs_mknod(pr.dir->inode, pr.name, pr.len, (mode & S_IFMT) | perm,
				S_ISCHR(mode) || S_ISBLK(mode) ? dev : 0, &ino);
out:
	if (ino)
		inode_put(ino);
	parent_end(&pr);
	return err;
}

long sys_mknod(const struct syscall_args *a)
{
	return do_mknod(AT_FDCWD, a->arg[0], (unsigned)a->arg[1], (uint32_t)a->arg[2]);
}

long sys_mknodat(const struct syscall_args *a)
{
	return do_mknod((int)a->arg[0], a->arg[1], (unsigned)a->arg[2], (uint32_t)a->arg[3]);
}
