/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * File space: fallocate(2) and fadvise64(2).
 *
 * fallocate checks what Linux's VFS checks, in its order (range, mode,
 * access, kind of file, size limit), then hands the call to the file's
 * service (file_ops.fallocate), which may still refuse a mode it does not
 * do with EOPNOTSUPP, as tmpfs refuses all but allocation and punching.
 * fadvise64 has nothing to advise here (no page cache to read ahead into
 * or drop), so it only validates: a pipe is ESPIPE, an unknown advice
 * EINVAL, and everything else succeeds, as Linux answers for files
 * without readahead.
 */
#include <klib/errno.h>
#include <linux/inotify.h>
#include <linux/fadvise.h>
#include <linux/falloc.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <generated/syscalls.h>
#include <kernel/fsnotify.h>
#include <kernel/file.h>
#include <kernel/rlimit.h>
#include <kernel/vfs.h>
#include "sys.h"

/* Newer than some UAPI headers the build may stage. */
#ifndef FALLOC_FL_WRITE_ZEROES
#define FALLOC_FL_WRITE_ZEROES 0x80
#endif
#define FALLOC_FL_ALLOCATE_RANGE 0x00
#define FALLOC_MODES                                                              \
	(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | \
	 FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_WRITE_ZEROES)

/* One mode, with KEEP_SIZE where that mode allows it. */
static bool mode_ok(int mode)
{
	if (mode & ~(FALLOC_MODES | FALLOC_FL_KEEP_SIZE))
		return false;
	switch (mode & FALLOC_MODES) {
	case FALLOC_FL_ALLOCATE_RANGE:
	case FALLOC_FL_UNSHARE_RANGE:
	case FALLOC_FL_ZERO_RANGE:
		return true;
	case FALLOC_FL_PUNCH_HOLE:
		return mode & FALLOC_FL_KEEP_SIZE;
	case FALLOC_FL_COLLAPSE_RANGE:
	case FALLOC_FL_INSERT_RANGE:
	case FALLOC_FL_WRITE_ZEROES:
		return !(mode & FALLOC_FL_KEEP_SIZE);
	default:
		return false; /* two modes at once */
	}
}

static long do_fallocate(struct file *f, int mode, int64_t off, int64_t len)
{
	unsigned acc = f->flags & O_ACCMODE;
	struct vfs_stat st;
	long r;

	if (off < 0 || len <= 0)
		return -EINVAL;
	if (!mode_ok(mode))
		return -EOPNOTSUPP;
	if ((f->flags & O_PATH) || (acc != O_WRONLY && acc != O_RDWR))
		return -EBADF;
	r = vfs_stat(f->inode, &st);
	if (r)
		return r;
	if (S_ISFIFO(st.mode))
		return -ESPIPE;
	if (S_ISDIR(st.mode))
		return -EISDIR;
	if (!S_ISREG(st.mode) && !S_ISBLK(st.mode))
		return -ENODEV;
	if ((uint64_t)off + (uint64_t)len > (uint64_t)INT64_MAX)
		return -EFBIG;
	/* tmpfs applies RLIMIT_FSIZE to allocation, KEEP_SIZE or not */
	if (!(mode & FALLOC_MODES)) {
		r = rlimit_fsize_grow((uint64_t)st.size, (uint64_t)(off + len));
		if (r)
			return r;
	}
	return vfs_fallocate(f->inode, mode, (uint64_t)off, (uint64_t)len);
}

long sys_fallocate(const struct syscall_args *a)
{
	struct file *f = get_io_file((int)a->arg[0]);
	long r;

	if (!f)
		return -EBADF;
	r = do_fallocate(f, (int)a->arg[1], (int64_t)a->arg[2], (int64_t)a->arg[3]);
	if (!r)
		fsnotify_file(f, IN_MODIFY); /* as Linux's vfs_fallocate */
	file_put(f);
	return r;
}

long sys_fadvise64(const struct syscall_args *a)
{
	struct file *f = get_io_file((int)a->arg[0]);
	int advice = (int)a->arg[3];
	struct vfs_stat st;
	long r;

	if (!f)
		return -EBADF;
	r = vfs_stat(f->inode, &st);
	if (!r && S_ISFIFO(st.mode))
		r = -ESPIPE;
	else if (!r && (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE))
		r = -EINVAL;
	file_put(f);
	return r;
}

/* readahead(fd, offset, count): a hint; every file is in memory already.
 * The descriptor must be open for reading and name a regular file. */
long sys_readahead(const struct syscall_args *a)
{
	struct file *f = get_io_file((int)a->arg[0]);
	struct vfs_stat st;
	long r;

	if (!f)
		return -EBADF;
	r = (f->flags & O_ACCMODE) == O_WRONLY ? -EBADF : vfs_stat(f->inode, &st);
	if (!r && !S_ISREG(st.mode) && !S_ISBLK(st.mode))
		r = -EINVAL;
	file_put(f);
	return r;
}

#define SFR_VALID (SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)

/* sync_file_range(fd, offset, nbytes, flags): nothing is ever dirty on
 * the way to a disk here; the checks are Linux's, in its order (the
 * descriptor, the flags, the range, then the file's type). */
long sys_sync_file_range(const struct syscall_args *a)
{
	struct file *f = get_io_file((int)a->arg[0]);
	int64_t off = (int64_t)a->arg[1], n = (int64_t)a->arg[2];
	unsigned flags = (unsigned)a->arg[3];
	struct vfs_stat st;
	long r = 0;

	if (!f)
		return -EBADF;
	if ((flags & ~SFR_VALID) || off < 0 || n < 0 || (uint64_t)off + (uint64_t)n > INT64_MAX)
		r = -EINVAL;
	if (!r)
		r = vfs_stat(f->inode, &st);
	if (!r && !S_ISREG(st.mode) && !S_ISBLK(st.mode) && !S_ISDIR(st.mode) && !S_ISLNK(st.mode))
		r = -ESPIPE;
	file_put(f);
	return r;
}
