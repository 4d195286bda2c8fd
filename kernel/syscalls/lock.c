/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * File lock system calls: flock(2) and fcntl's record lock commands
 * (F_GETLK, F_SETLK, F_SETLKW and their F_OFD_ forms).  This file turns
 * the user's struct flock into a byte range with Linux's checks and
 * errnos; the lock manager (kernel/fs/lock.c) does the rest.
 */
#include <klib/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/file.h>
#include <kernel/lock.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "sys.h"

static bool can_read(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return acc == O_RDONLY || acc == O_RDWR;
}

static bool can_write(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return acc == O_WRONLY || acc == O_RDWR;
}

long sys_flock(const struct syscall_args *a)
{
	unsigned cmd = (unsigned)a->arg[1];
	struct file *f;
	int type;
	long r;

	if (cmd & LOCK_MAND) /* Linux ignores the long-dead mandatory flavour */
		return 0;
	switch (cmd & ~LOCK_NB) {
	case LOCK_SH:
		type = F_RDLCK;
		break;
	case LOCK_EX:
		type = F_WRLCK;
		break;
	case LOCK_UN:
		type = F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	f = get_file((int)a->arg[0]);
	if (!f)
		return -EBADF;
	if (f->flags & O_PATH)
		r = -EBADF;
	else if (type != F_UNLCK && !can_read(f) && !can_write(f))
		r = -EBADF; /* O_ACCMODE 3: a descriptor for ioctls only */
	else
		r = lock_flock(f, type, !(cmd & LOCK_NB));
	file_put(f);
	return r;
}

/* struct flock -> an absolute inclusive range, with Linux's checks. */
static int to_range(struct file *f, const struct flock *fl, struct lock_range *r)
{
	int64_t base;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)__atomic_load_n(&f->pos, __ATOMIC_RELAXED);
		break;
	case SEEK_END: {
		struct vfs_stat st;

		base = vfs_stat(f->inode, &st) == 0 ? st.size : 0;
		break;
	}
	default:
		return -EINVAL;
	}
	if (fl->l_start > LOCK_OFFSET_MAX - base)
		return -EOVERFLOW;
	r->start = base + fl->l_start;
	if (r->start < 0)
		return -EINVAL;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > LOCK_OFFSET_MAX - r->start)
			return -EOVERFLOW;
		r->end = r->start + (fl->l_len - 1); /* start + l_len may pass INT64_MAX */
	} else if (fl->l_len < 0) {
		/* POSIX-2001: the bytes before l_start */
		if (r->start + fl->l_len < 0)
			return -EINVAL;
		r->end = r->start - 1;
		r->start += fl->l_len;
	} else {
		r->end = LOCK_OFFSET_MAX;
	}
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK && fl->l_type != F_UNLCK)
		return -EINVAL;
	r->type = fl->l_type;
	r->file = f;
	return 0;
}

static long getlk(struct file *f, int cmd, struct flock *fl)
{
	bool ofd = cmd == F_OFD_GETLK;
	struct lock_range r;
	int err;

	if (!ofd && fl->l_type != F_RDLCK && fl->l_type != F_WRLCK)
		return -EINVAL;
	err = to_range(f, fl, &r);
	if (err)
		return err;
	if (ofd && fl->l_pid != 0)
		return -EINVAL;
	if (r.type == F_UNLCK) { /* F_OFD_GETLK: conflicts with nothing */
		fl->l_type = F_UNLCK;
		return 0;
	}
	lock_posix_test(f->inode, ofd ? (const void *)f : (const void *)fdt(), &r);
	fl->l_type = (short)r.type;
	if (r.type != F_UNLCK) {
		fl->l_whence = SEEK_SET;
		fl->l_start = r.start;
		fl->l_len = r.end == LOCK_OFFSET_MAX ? 0 : r.end - r.start + 1;
		fl->l_pid = r.pid;
	}
	return 0;
}

static long setlk(struct file *f, int cmd, const struct flock *fl)
{
	bool ofd = cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool wait = cmd == F_SETLKW || cmd == F_OFD_SETLKW;
	struct lock_range r;
	int err = to_range(f, fl, &r);

	if (err)
		return err;
	if ((r.type == F_RDLCK && !can_read(f)) || (r.type == F_WRLCK && !can_write(f)))
		return -EBADF;
	if (ofd && fl->l_pid != 0)
		return -EINVAL;
	if (ofd)
		return lock_posix_set(f->inode, f, true, 0, &r, wait);
	return lock_posix_set(f->inode, fdt(), false, current_process()->pid, &r, wait);
}

long fcntl_lock(struct file *f, int cmd, void __user *arg)
{
	struct flock fl;
	long r;

	if (f->flags & O_PATH)
		return -EBADF;
	if (copy_from_user(&fl, arg, sizeof(fl)))
		return -EFAULT;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		r = getlk(f, cmd, &fl);
		if (!r && copy_to_user(arg, &fl, sizeof(fl)))
			r = -EFAULT;
		return r;
	}
	return setlk(f, cmd, &fl);
}
