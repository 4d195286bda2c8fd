/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * FS_IOC_FIEMAP: the extents of a regular file, as Linux's ioctl reports
 * them (struct fiemap from <linux/fiemap.h>).  The service walks its map
 * (file_ops.fiemap) and hands each extent to a callback that fills a
 * kernel buffer of FIEMAP_CHUNK extents: the service never sees user
 * memory, and no user copy happens while it holds its locks.  When the
 * buffer is full the walk stops and starts again after the last extent
 * taken, until the user's array is full or the range is done.  With
 * fm_extent_count 0 the extents are only counted.
 *
 * Flags: FIEMAP_FLAG_SYNC (the file is synced first) and FIEMAP_FLAG_CACHE
 * (accepted, as ext4 does); FIEMAP_FLAG_XATTR is not supported here, so
 * like any other unknown flag it is -EBADR with the flags not understood
 * written back to fm_flags.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fiemap.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <kernel/vfs.h>

#define FIEMAP_CHUNK 32
/* struct fiemap without its flexible array (sizeof of it is what sparse
 * refuses) */
#define FIEMAP_HEAD __builtin_offsetof(struct fiemap, fm_extents)
/* Linux's bound on fm_extent_count (not in the UAPI headers) */
#define FIEMAP_MAX_EXTENTS (UINT32_MAX / sizeof(struct fiemap_extent))
#define FIEMAP_OK	   (FIEMAP_FLAG_SYNC | FIEMAP_FLAG_CACHE)

struct fill {
	struct fiemap_extent ext[FIEMAP_CHUNK];
	unsigned n, max;
	bool count_only;
	uint32_t counted;
	uint64_t next; /* where the extent after the last one taken starts */
};

static int fill_one(void *ctx, uint64_t logical, uint64_t physical, uint64_t len, uint32_t flags)
{
	struct fill *f = ctx;

	if (f->count_only) {
		f->counted++;
		return (flags & FIEMAP_EXTENT_LAST) ? 1 : 0;
	}
	if (f->n == f->max)
		return 1;
	memset(&f->ext[f->n], 0, sizeof(f->ext[0]));
	f->ext[f->n].fe_logical = logical;
	f->ext[f->n].fe_physical = physical;
	f->ext[f->n].fe_length = len;
	f->ext[f->n].fe_flags = flags;
	f->n++;
	f->next = logical + len;
	return 0;
}

long fiemap_ioctl(struct inode *i, uint64_t uarg)
{
	struct fiemap __user *u = uptr(uarg);
	struct fiemap fm;
	struct fill *f;
	uint64_t start, end;
	uint32_t mapped = 0, bad;
	long r = 0;

	if (i->kind != INODE_FILE || !i->ops.file->fiemap)
		return -EOPNOTSUPP;
	if (copy_from_user(&fm, u, FIEMAP_HEAD))
		return -EFAULT;
	if (fm.fm_extent_count > FIEMAP_MAX_EXTENTS)
		return -EINVAL;
	bad = fm.fm_flags & ~FIEMAP_OK;
	if (bad) {
		if (copy_to_user(&u->fm_flags, &bad, sizeof(bad)))
			return -EFAULT;
		return -EBADR;
	}
	if (fm.fm_length == 0)
		return -EINVAL;
	start = fm.fm_start;
	end = fm.fm_length > UINT64_MAX - start ? UINT64_MAX : start + fm.fm_length;
	if (fm.fm_flags & FIEMAP_FLAG_SYNC) {
		r = vfs_fsync(i, false);
		if (r)
			return r;
	}
	f = kmalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	memset(f, 0, sizeof(*f));
	f->count_only = fm.fm_extent_count == 0;
	while (start < end) {
		f->n = 0;
		f->max = MIN((uint32_t)FIEMAP_CHUNK, fm.fm_extent_count - mapped);
		r = vfs_fiemap(i, start, end - start, fill_one, f);
		if (r < 0 || f->count_only)
			break;
		if (f->n &&
		    copy_to_user(&u->fm_extents[mapped], f->ext, f->n * sizeof(f->ext[0]))) {
			r = -EFAULT;
			break;
		}
		mapped += f->n;
		/* the walk ended by itself, or the user's array is full */
		if (f->n < f->max || mapped == fm.fm_extent_count)
			break;
		start = f->next;
	}
	if (!r) {
		uint32_t n = f->count_only ? f->counted : mapped;

		if (copy_to_user(&u->fm_mapped_extents, &n, sizeof(n)))
			r = -EFAULT;
	}
	kfree(f);
	return r;
}
