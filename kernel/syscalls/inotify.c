/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * inotify_init, inotify_init1, inotify_add_watch, inotify_rm_watch
 * (kernel/fs/inotify.c holds the instances).  Errors in Linux's order:
 * unknown mask bits or no bit at all EINVAL, then the descriptor (EBADF),
 * IN_MASK_ADD with IN_MASK_CREATE EINVAL, not an instance EINVAL, then the
 * path (IN_DONT_FOLLOW, IN_ONLYDIR: ENOTDIR) and read permission on it.
 */
#include <klib/errno.h>
#include <linux/inotify.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <kernel/cred.h>
#include <kernel/dac.h>
#include <kernel/inotify.h>
#include <generated/syscalls.h>
#include "sys.h"

#define ALL_INOTIFY_BITS                                                                         \
	(IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ONLYDIR | IN_DONT_FOLLOW | \
	 IN_EXCL_UNLINK | IN_MASK_CREATE | IN_MASK_ADD | IN_ISDIR | IN_ONESHOT)

static long init1(unsigned flags)
{
	struct file *f;
	long err;
	int fd;

	if (flags & ~(unsigned)(IN_CLOEXEC | IN_NONBLOCK))
		return -EINVAL;
	if (!fdt())
		return -EMFILE;
	err = inotify_new(flags, &f);
	if (err)
		return err;
	fd = fdtable_install(fdt(), f, 0, flags & IN_CLOEXEC);
	file_put(f);
	return fd;
}

long sys_inotify_init(const struct syscall_args *a)
{
	(void)a;
	return init1(0);
}

long sys_inotify_init1(const struct syscall_args *a)
{
	return init1((unsigned)a->arg[0]);
}

long sys_inotify_add_watch(const struct syscall_args *a)
{
	uint32_t mask = (uint32_t)a->arg[2];
	struct path_component *pc;
	struct file *f;
	long err;

	if ((mask & ~(uint32_t)ALL_INOTIFY_BITS) || !(mask & ALL_INOTIFY_BITS))
		return -EINVAL;
	f = get_file((int)a->arg[0]);
	if (!f)
		return -EBADF;
	if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE)) {
		err = -EINVAL;
		goto out;
	}
	if (!inotify_is(f)) {
		err = -EINVAL;
		goto out;
	}
	err = resolve_at(AT_FDCWD, a->arg[1],
			 ((mask & IN_DONT_FOLLOW) ? 0 : RESOLVE_FOLLOW) |
				 ((mask & IN_ONLYDIR) ? RESOLVE_DIR : 0),
			 false, &pc);
	if (err)
		goto out;
	if ((mask & IN_ONLYDIR) && pc->inode->kind != INODE_DIR)
		err = -ENOTDIR;
	if (!err && !capable(CAP_DAC_OVERRIDE)) {
		struct vfs_stat st;

		err = vfs_stat(pc->inode, &st);
		if (!err)
			err = dac_may_open(&st, O_RDONLY);
	}
	if (!err)
		err = inotify_add(f, pc->inode, mask);
	path_put(pc);
out:
	file_put(f);
	return err;
}

long sys_inotify_rm_watch(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);
	long err;

	if (!f)
		return -EBADF;
	err = inotify_is(f) ? inotify_rm(f, (int)a->arg[1]) : -EINVAL;
	file_put(f);
	return err;
}
