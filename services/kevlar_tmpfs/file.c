/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs: regular files and device nodes.
 *
 * A regular file's bytes live in pages allocated when first written
 * (pages.c); a hole, whether left by a write past the end or by a
 * truncate that grew the file, reads as zeros and takes no memory.  Each
 * op holds the file's lock D for its whole length, so a write is atomic
 * with respect to other reads and writes of the file, as under Linux's
 * inode lock.
 *
 * O_APPEND: the kernel passes the open file's flags and its position;
 * with O_APPEND a write here ignores `off` and starts at the size read
 * under D, which makes appends atomic (and pwrite() on an O_APPEND file
 * appends, as Linux's does).  The kernel must then move the file position
 * to the new end of the file: the op's return value is only the count.
 *
 * Writes from user memory copy through a bounce page: a failed copy from a
 * bad buffer would otherwise zero the destination, i.e. file data.  A
 * kernel buffer (sendfile, splice, copy_file_range) cannot fail and is
 * copied straight into the file's page.  A copy that fails after
 * some bytes gives the short count, and -EFAULT only if nothing moved.
 *
 * get_page() hands out the file's own page and allocates holes; the page
 * stays the file's and is freed by a truncate past it or by evict, so a
 * mapping must not outlive either (no page reference counts yet).
 * ioctl and poll are left empty on purpose: the dispatcher's -ENOTTY and
 * "always ready" are what Linux answers for a regular file.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/falloc.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include "node.h"

static const char zeros[TMPFS_PAGE_SIZE]; /* what a hole reads as */

/* Zero the last page past the end of the file: a mapping (get_page) may
 * have written there, and those bytes must not appear when the file grows
 * (D held). */
static void zero_tail(struct tmpfs_node *n)
{
	size_t in = n->size & (TMPFS_PAGE_SIZE - 1);
	struct svc_page *last = in ? tmpfs_page_find(&n->pages, n->size >> TMPFS_PAGE_SHIFT) : NULL;

	if (last)
		svc_page_zero(last, in, TMPFS_PAGE_SIZE - in);
}

void tmpfs_resize(struct tmpfs_node *n, uint64_t size)
{
	struct tmpfs *fs = n->fs;
	uint64_t before = n->pages.count;

	if (size > n->size) {
		zero_tail(n);
	} else if (size < n->size) {
		n->size = size;
		zero_tail(n);
		tmpfs_pages_trunc(&n->pages, ALIGN_UP(size, TMPFS_PAGE_SIZE) >> TMPFS_PAGE_SHIFT);
		__atomic_sub_fetch(&fs->npages, before - n->pages.count, __ATOMIC_RELAXED);
	}
	n->size = size;
}

/* Around a copy to or from a user buffer, D held: P is dropped, as the
 * buffer may be a mapping of this very file, whose fault takes P in
 * get_page (node.h). */
static void user_copy_begin(struct tmpfs_node *n, const struct iobuf *buf)
{
	if (buf->user)
		svc_unlock(n->fs->cap, n->plock);
}

static void user_copy_end(struct tmpfs_node *n, const struct iobuf *buf)
{
	if (buf->user)
		svc_lock(n->fs->cap, n->plock);
}

static ssize_t tmpfs_read(struct inode *ino, uint64_t off, struct iobuf *buf, unsigned flags)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	size_t done = 0, len;
	int err = 0;

	tmpfs_file_lock(n);
	len = off < n->size ? (size_t)MIN(n->size - off, (uint64_t)buf->len) : 0;
	while (done < len) {
		uint64_t pos = off + done;
		size_t in = pos & (TMPFS_PAGE_SIZE - 1);
		size_t chunk = MIN(len - done, TMPFS_PAGE_SIZE - in);
		struct svc_page *page = tmpfs_page_find(&n->pages, pos >> TMPFS_PAGE_SHIFT);
		size_t got;

		/* the page stays (only D's holders free pages); a fault in the
		 * buffer may be a mapping of this file: get_page takes P */
		user_copy_begin(n, buf);
		got = page ? svc_page_to_iobuf(page, in, buf, done, chunk)
			   : iobuf_put_upto(buf, done, zeros, chunk);
		user_copy_end(n, buf);
		done += got;
		if (got < chunk) {
			err = -EFAULT; /* the bytes up to the bad page count */
			break;
		}
	}
	if (!(flags & O_NOATIME))
		tmpfs_touch_atime(n);
	tmpfs_file_unlock(n);
	return done ? (ssize_t)done : err;
}

/* The file's pages themselves (holes as the zero page) go to `fn`. */
static ssize_t tmpfs_splice_read(struct inode *ino, uint64_t off, size_t len, unsigned flags,
				 vfs_splice_fn fn, void *ctx)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	size_t done = 0;
	ssize_t err = 0;

	tmpfs_file_lock(n);
	len = off < n->size ? (size_t)MIN(n->size - off, (uint64_t)len) : 0;
	while (done < len) {
		uint64_t pos = off + done;
		size_t in = pos & (TMPFS_PAGE_SIZE - 1);
		size_t chunk = MIN(len - done, TMPFS_PAGE_SIZE - in);
		ssize_t r = svc_page_splice(tmpfs_page_find(&n->pages, pos >> TMPFS_PAGE_SHIFT), in,
					    chunk, fn, ctx);

		if (r < 0) {
			err = r;
			break;
		}
		done += (size_t)r;
		if ((size_t)r < chunk)
			break;
	}
	if (!(flags & O_NOATIME))
		tmpfs_touch_atime(n);
	tmpfs_file_unlock(n);
	return done ? (ssize_t)done : err;
}

static ssize_t tmpfs_write(struct inode *ino, uint64_t off, struct iobuf *buf, unsigned flags)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	struct tmpfs *fs = n->fs;
	size_t done = 0, len;
	char *bounce;
	int err = 0;

	if (!buf->len)
		return 0;
	bounce = buf->user ? svc_alloc_page(fs->cap) : NULL;
	if (buf->user && !bounce)
		return -ENOMEM;
	tmpfs_file_lock(n);
	if (flags & O_APPEND)
		off = n->size;
	if (off >= TMPFS_MAX_SIZE) {
		err = -EFBIG;
		goto out_unlock;
	}
	len = (size_t)MIN((uint64_t)buf->len, TMPFS_MAX_SIZE - off);
	if (off > n->size)
		zero_tail(n); /* the gap reads as zeros */
	tmpfs_stamp_locked(n, TMPFS_MTIME | TMPFS_CTIME);
	while (done < len) {
		uint64_t pos = off + done;
		size_t in = pos & (TMPFS_PAGE_SIZE - 1);
		size_t chunk = MIN(len - done, TMPFS_PAGE_SIZE - in);
		uint64_t before = n->pages.count;
		/* a user buffer through the bounce page, up to a bad page;
		 * a kernel one straight into the file's page below */
		size_t got = chunk;
		struct svc_page *page;

		if (bounce) {
			user_copy_begin(n, buf);
			got = iobuf_get_upto(buf, done, bounce, chunk);
			user_copy_end(n, buf);
		}

		if (!got) {
			err = -EFAULT;
			break;
		}
		if (tmpfs_full(fs) && !tmpfs_page_find(&n->pages, pos >> TMPFS_PAGE_SHIFT)) {
			err = -ENOSPC; /* the size= limit */
			break;
		}
		page = tmpfs_page_get(&n->pages, pos >> TMPFS_PAGE_SHIFT);
		__atomic_add_fetch(&fs->npages, n->pages.count - before, __ATOMIC_RELAXED);
		if (!page) {
			err = -ENOMEM;
			break;
		}
		if (bounce)
			svc_page_write(page, in, bounce, got);
		else if (svc_page_from_iobuf(page, in, buf, done, chunk) != chunk)
			break; /* cannot happen: a kernel buffer */
		done += got;
		if (got < chunk) {
			err = -EFAULT; /* keep the bytes before the bad page, as Linux */
			break;
		}
	}
	if (done && off + done > n->size)
		n->size = off + done;
out_unlock:
	tmpfs_file_unlock(n);
	if (bounce)
		svc_free_page(fs->cap, bounce);
	return done ? (ssize_t)done : err;
}

static int tmpfs_truncate(struct inode *ino, uint64_t len)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);

	if (len > TMPFS_MAX_SIZE)
		return -EINVAL; /* a negative length */
	tmpfs_file_lock(n);
	tmpfs_resize(n, len);
	tmpfs_stamp_locked(n, TMPFS_MTIME | TMPFS_CTIME); /* ftruncate, O_TRUNC: always */
	tmpfs_file_unlock(n);
	return 0;
}

static int tmpfs_fsync(struct inode *ino, bool datasync)
{
	return 0; /* memory is the backing store */
}

static int tmpfs_get_page(struct inode *ino, uint64_t pgoff, struct svc_page **page)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	uint64_t before;
	int err = 0;

	svc_lock(n->fs->cap, n->plock); /* P alone: node.h */
	if (pgoff >= ALIGN_UP(n->size, TMPFS_PAGE_SIZE) >> TMPFS_PAGE_SHIFT) {
		err = -ENXIO; /* past the end: SIGBUS for the faulting access */
		goto out_unlock;
	}
	if (tmpfs_full(n->fs) && !tmpfs_page_find(&n->pages, pgoff)) {
		err = -ENOSPC; /* a new page past size=: SIGBUS, as Linux */
		goto out_unlock;
	}
	before = n->pages.count;
	*page = tmpfs_page_get(&n->pages, pgoff);
	__atomic_add_fetch(&n->fs->npages, n->pages.count - before, __ATOMIC_RELAXED);
	if (!*page)
		err = -ENOMEM;
out_unlock:
	svc_unlock(n->fs->cap, n->plock);
	return err;
}

/* Zero bytes [from, to) of the page at index idx, if it is not a hole (D held). */
static void zero_in_page(struct tmpfs_node *n, uint64_t idx, size_t from, size_t to)
{
	struct svc_page *page = tmpfs_page_find(&n->pages, idx);

	if (page && from < to)
		svc_page_zero(page, from, to - from);
}

/* FALLOC_FL_PUNCH_HOLE: zero the partial pages at the ends, free the whole
 * pages between (D held). */
static void punch(struct tmpfs_node *n, uint64_t off, uint64_t end)
{
	uint64_t first = off >> TMPFS_PAGE_SHIFT, last = (end - 1) >> TMPFS_PAGE_SHIFT;
	size_t in = off & (TMPFS_PAGE_SIZE - 1), tail = ((end - 1) & (TMPFS_PAGE_SIZE - 1)) + 1;
	uint64_t before = n->pages.count;

	if (first == last && (in || tail < TMPFS_PAGE_SIZE)) {
		zero_in_page(n, first, in, tail); /* inside one page */
		return;
	}
	if (in)
		zero_in_page(n, first++, in, TMPFS_PAGE_SIZE);
	if (tail < TMPFS_PAGE_SIZE)
		zero_in_page(n, last--, 0, tail);
	if (first <= last)
		tmpfs_pages_punch(&n->pages, first, last + 1);
	__atomic_sub_fetch(&n->fs->npages, before - n->pages.count, __ATOMIC_RELAXED);
}

/* Allocate every page of [off, end) (D held): 0, or -ENOSPC once memory
 * runs out or the size= limit is reached, after freeing the reservations
 * past the end of the file. */
static int reserve(struct tmpfs_node *n, uint64_t off, uint64_t end)
{
	uint64_t before = n->pages.count;
	int err = 0;

	for (uint64_t idx = off >> TMPFS_PAGE_SHIFT; idx <= (end - 1) >> TMPFS_PAGE_SHIFT; idx++) {
		uint64_t used = __atomic_load_n(&n->fs->npages, __ATOMIC_RELAXED);
		bool over = n->fs->max_pages &&
			    used + (n->pages.count - before) >= n->fs->max_pages &&
			    !tmpfs_page_find(&n->pages, idx); /* the size= limit */

		if (over || !tmpfs_page_get(&n->pages, idx)) {
			tmpfs_pages_trunc(&n->pages,
					  ALIGN_UP(n->size, TMPFS_PAGE_SIZE) >> TMPFS_PAGE_SHIFT);
			err = -ENOSPC;
			break;
		}
	}
	if (n->pages.count >= before)
		__atomic_add_fetch(&n->fs->npages, n->pages.count - before, __ATOMIC_RELAXED);
	else
		__atomic_sub_fetch(&n->fs->npages, before - n->pages.count, __ATOMIC_RELAXED);
	return err;
}

/* Linux's shmem: allocation (mode 0, KEEP_SIZE) and PUNCH_HOLE|KEEP_SIZE. */
static int tmpfs_fallocate(struct inode *ino, int mode, uint64_t off, uint64_t len)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	uint64_t end = off + len;
	int err = 0;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	tmpfs_file_lock(n);
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		punch(n, off, end);
		tmpfs_stamp_locked(n, TMPFS_MTIME | TMPFS_CTIME);
		goto out_unlock;
	}
	err = reserve(n, off, end);
	if (err)
		goto out_unlock;
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > n->size)
		tmpfs_resize(n, end);
	tmpfs_stamp_locked(n, TMPFS_CTIME);
out_unlock:
	tmpfs_file_unlock(n);
	return err;
}

const struct file_ops tmpfs_file_ops = {
	.read = tmpfs_read,
	.write = tmpfs_write,
	.truncate = tmpfs_truncate,
	.fsync = tmpfs_fsync,
	.stat = tmpfs_stat,
	.setattr = tmpfs_setattr,
	.get_page = tmpfs_get_page,
	.fallocate = tmpfs_fallocate,
	.splice_read = tmpfs_splice_read,
	/* O_DIRECT is taken and changes nothing, as Linux's tmpfs since 6.6
	 * (the pages are the storage: there is no cache to bypass) */
	.direct_io = true,
};

/* ---- fifos, sockets, device nodes: the kernel routes their I/O to the
 * driver or pipe before it gets here ---- */

const struct file_ops tmpfs_special_ops = {
	.stat = tmpfs_stat,
	.setattr = tmpfs_setattr,
	.special = true, /* the kernel opens the pipe or device instead */
};
