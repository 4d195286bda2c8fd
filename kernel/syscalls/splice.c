/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Moving bytes between open files without a trip through user memory:
 * sendfile, splice, tee and copy_file_range (and vmsplice, between a
 * pipe and the caller's memory), with Linux's rules
 * (man 2 of each) for which ends may be what, and Linux's errno order.
 *
 * Two engines.  When one end is a pipe, the pipe does the work
 * (kernel/pipe.h): a file's bytes go straight into fresh pipe pages, or a
 * pipe's buffers go straight to the file, with the pipe's blocking rules
 * (wait for room, or for data, once).  Otherwise (sendfile to a file or a
 * device, copy_file_range) bytes move through one kernel buffer of up to
 * 64 KiB per call, read then written, until the count, the end of the
 * input or a short write; each position advances by what was written.
 *
 * A file on the page cache (ext2/3/4, the initramfs) is read from its
 * cached pages themselves, as Linux's filemap_splice_read: each page
 * (read in through the service's readpage when it is not cached) goes to
 * the pipe page, or straight to the output's write, while a reference
 * holds it and no lock of the input's service is held.  A file without
 * the cache hands out its own pages through splice_read (tmpfs, to a
 * memory device only: it holds its lock meanwhile), or is read into a
 * pipe page or through the bounce buffer.
 *
 * Offsets: a NULL offset pointer means the file's own position (read at
 * the start, stored at the end); otherwise the position is untouched and
 * the pointer's value is updated.  Like Linux, nothing holds the position
 * lock across the transfer.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/inotify.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <linux/uio.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/fsnotify.h>
#include <kernel/file.h>
#include <kernel/pagecache.h>
#include <kernel/pipe.h>
#include <kernel/vfs.h>
#include "sys.h"

/* Linux's values (the UAPI headers do not export them; glibc's fcntl.h has them). */
#define SPLICE_F_MOVE	  1u
#define SPLICE_F_NONBLOCK 2u
#define SPLICE_F_MORE	  4u
#define SPLICE_F_GIFT	  8u
#define SPLICE_F_ALL	  (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

#define MAX_RW_COUNT 0x7ffff000ul /* Linux caps one transfer at INT_MAX & PAGE_MASK */
#define XFER_CHUNK   65536ul	  /* the bounce buffer of a file-to-file copy */

struct file *get_io_file(int fd)
{
	struct file *f = get_file(fd);

	if (f && (f->flags & O_PATH)) {
		file_put(f);
		return NULL;
	}
	return f;
}

static bool can_read(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR);
}

static bool can_write(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR);
}

static bool is_pipe(const struct file *f)
{
	return pipe_is(f->inode);
}

static unsigned rdev_major(const struct vfs_stat *st)
{
	return (st->rdev >> 8) & 0xfff;
}

/* Terminals: the tty, console/ptmx and pty slave majors. */
static bool is_tty(const struct vfs_stat *st)
{
	unsigned major = rdev_major(st);

	return S_ISCHR(st->mode) && (major == 4 || major == 5 || major == 136);
}

/* Files Linux opens without FMODE_PREAD: pipes, sockets and terminals. */
static bool no_pread(struct file *f)
{
	struct vfs_stat st;

	if (vfs_stat(f->inode, &st))
		return false;
	return S_ISFIFO(st.mode) || S_ISSOCK(st.mode) || is_tty(&st);
}

/* Files Linux can splice out of (a splice_read method): not directories,
 * pipes (except as pipes), /dev/null or terminals. */
static bool splice_readable(struct file *f)
{
	struct vfs_stat st;

	if (f->inode->kind == INODE_DIR || is_pipe(f) || vfs_stat(f->inode, &st))
		return false;
	if (S_ISCHR(st.mode) && rdev_major(&st) == 1 && (st.rdev & 0xff) == 3)
		return false; /* /dev/null */
	return !is_tty(&st);
}

/* Linux's rw_verify_area(): a negative position or count, or one whose
 * sum overflows, is EINVAL. */
static int verify_area(uint64_t pos, size_t count)
{
	if ((int64_t)pos < 0 || (ssize_t)count < 0 || (int64_t)(pos + count) < 0)
		return -EINVAL;
	return 0;
}

static uint64_t pos_get(struct file *f)
{
	uint64_t pos;

	mutex_lock(&f->pos_lock);
	pos = f->pos;
	mutex_unlock(&f->pos_lock);
	return pos;
}

/* Streams and devices keep no position. */
static void pos_set(struct file *f, uint64_t pos)
{
	if (!f->has_pos)
		return;
	mutex_lock(&f->pos_lock);
	f->pos = pos;
	mutex_unlock(&f->pos_lock);
}

/* One end of a transfer through a pipe: a file and where in it. */
struct xfer_end {
	struct file *f;
	uint64_t pos;
};

/* Does the input's data come from the page cache (and not O_DIRECT)? */
static bool cached_input(const struct file *f)
{
	return pcache_enabled(f->inode) && !(f->flags & O_DIRECT);
}

/* Bytes [off, off + len) of a cached file, cut at its end, to `fn` page
 * by page from the cache's frames (see the top of the file): the bytes
 * fn took, stopping when it takes fewer, or the first error if none. */
static ssize_t pcache_splice(struct inode *i, uint64_t off, size_t len, vfs_splice_fn fn, void *ctx)
{
	struct vfs_stat st;
	size_t done = 0;
	ssize_t err = vfs_stat(i, &st); /* -EIO on a failed instance */

	if (err)
		return err;
	if ((int64_t)off >= st.size)
		return 0;
	len = (size_t)MIN((uint64_t)len, (uint64_t)st.size - off);
	while (done < len) {
		uint64_t pos = off + done;
		size_t in = pos % PAGE_SIZE, n = MIN(PAGE_SIZE - in, len - done);
		struct page *pg;
		ssize_t r;

		err = pcache_read_page(i, pos / PAGE_SIZE, &pg);
		if (err)
			break;
		r = fn(ctx, (const char *)page_address(pg) + in, n);
		page_put(pg);
		if (r < 0) {
			err = r;
			break;
		}
		done += (size_t)r;
		if ((size_t)r < n)
			break;
	}
	return done ? (ssize_t)done : err;
}

/* A piece of a cached page into a pipe page (`arg`: where it goes). */
static ssize_t copy_piece(void *arg, const void *data, size_t len)
{
	char **dst = arg;

	memcpy(*dst, data, len);
	*dst += len;
	return (ssize_t)len;
}

static ssize_t fill_from_file(void *arg, void *page, size_t len)
{
	struct xfer_end *e = arg;
	struct iobuf b = {.user = false, .kbuf = page, .len = len};
	char *dst = page;
	ssize_t n = cached_input(e->f) ? pcache_splice(e->f->inode, e->pos, len, copy_piece, &dst)
				       : vfs_read(e->f->inode, e->pos, &b, e->f->flags);

	if (n > 0)
		e->pos += (uint64_t)n;
	return n;
}

static ssize_t drain_to_file(void *arg, void *data, size_t len)
{
	struct xfer_end *e = arg;
	struct iobuf b = {.user = false, .kbuf = data, .len = len};
	ssize_t n = file_write_limit(e->f, e->pos, &b);

	if (!n)
		n = vfs_write(e->f->inode, e->pos, &b, e->f->flags);

	if (n > 0)
		e->pos += (uint64_t)n;
	return n;
}

/* A piece of the input straight to a device (see copy_direct). */
static ssize_t write_piece(void *arg, const void *data, size_t len)
{
	struct xfer_end *e = arg;
	/* a write only reads its buffer: the service's page stays intact */
	struct iobuf b = {.user = false, .kbuf = (void *)data, .len = len};
	ssize_t n = file_write_limit(e->f, e->pos, &b);

	if (!n)
		n = vfs_write(e->f->inode, e->pos, &b, e->f->flags);

	if (n > 0)
		e->pos += (uint64_t)n;
	return n;
}

/* To a memory device (/dev/null, /dev/full...), the input's own pages are
 * written without a copy when its service can hand them out.  Only to
 * those: the input's lock is held meanwhile, and a file's lock would nest
 * inside it, a terminal's write could wait for a reader of the input. */
static ssize_t copy_to_device(struct file *in, uint64_t *ipos, struct file *out, uint64_t *opos,
			      size_t count)
{
	struct xfer_end dst = {.f = out, .pos = *opos};
	struct vfs_stat st;
	ssize_t r;

	if (vfs_stat(out->inode, &st) || !S_ISCHR(st.mode) || rdev_major(&st) != 1)
		return -EOPNOTSUPP;
	r = vfs_splice_read(in->inode, *ipos, count, in->flags, write_piece, &dst);
	if (r > 0) {
		*ipos += (uint64_t)r;
		*opos = dst.pos;
	}
	return r;
}

/* Copy up to `count` bytes from `in` at *ipos to `out` at *opos through a
 * kernel buffer (see the top of the file): the bytes copied, or -errno if
 * none were. */
static ssize_t copy_direct(struct file *in, uint64_t *ipos, struct file *out, uint64_t *opos,
			   size_t count)
{
	size_t size = MIN(count, XFER_CHUNK), done = 0;
	ssize_t err = 0;
	char *buf;

	if (!count)
		return 0;
	if (cached_input(in)) {
		struct xfer_end dst = {.f = out, .pos = *opos};
		ssize_t r = pcache_splice(in->inode, *ipos, count, write_piece, &dst);

		if (r > 0) {
			*ipos += (uint64_t)r;
			*opos = dst.pos;
		}
		return r;
	}
	err = copy_to_device(in, ipos, out, opos, count);
	if (err != -EOPNOTSUPP)
		return err;
	err = 0;
	buf = kmalloc(size);
	if (!buf && size > PIPE_PAGE_SIZE) { /* no 64 KiB block free: go page by page */
		size = PIPE_PAGE_SIZE;
		buf = kmalloc(size);
	}
	if (!buf)
		return -ENOMEM;
	while (done < count) {
		size_t want = MIN(count - done, size);
		struct iobuf b = {.user = false, .kbuf = buf, .len = want};
		ssize_t n = vfs_read(in->inode, *ipos, &b, in->flags), w;

		if (n <= 0) {
			err = n;
			break;
		}
		b.len = (size_t)n;
		w = file_write_limit(out, *opos, &b);
		if (!w)
			w = vfs_write(out->inode, *opos, &b, out->flags);
		if (w <= 0) {
			err = w;
			break;
		}
		*ipos += (uint64_t)w;
		*opos += (uint64_t)w;
		done += (size_t)w;
		if (w < n || (size_t)n < want)
			break; /* a short write, or the end of the input */
	}
	kfree(buf);
	return done ? (ssize_t)done : err;
}

/* ---- sendfile ---- */

static long do_sendfile(int out_fd, int in_fd, int64_t *ppos, size_t count)
{
	struct file *in = get_io_file(in_fd), *out = NULL;
	struct xfer_end src;
	long r = -EBADF;

	if (!in)
		return -EBADF;
	if (!can_read(in))
		goto out_put;
	r = -ESPIPE;
	if (ppos && no_pread(in))
		goto out_put;
	src = (struct xfer_end){.f = in, .pos = ppos ? (uint64_t)*ppos : pos_get(in)};
	r = verify_area(src.pos, count);
	if (r)
		goto out_put;
	count = MIN(count, MAX_RW_COUNT);
	out = get_io_file(out_fd);
	r = -EBADF;
	if (!out || !can_write(out))
		goto out_put;
	r = -EINVAL;
	if (!splice_readable(in))
		goto out_put;
	if (is_pipe(out)) {
		r = count ? pipe_splice_in(out->inode, count, out->flags & O_NONBLOCK,
					   fill_from_file, &src)
			  : 0;
		r = sigpipe(r);
	} else {
		uint64_t opos;

		if (out->flags & O_APPEND)
			goto out_put;
		opos = pos_get(out);
		r = copy_direct(in, &src.pos, out, &opos, count);
		if (r > 0)
			pos_set(out, opos);
	}
	if (ppos)
		*ppos = (int64_t)src.pos;
	else if (r > 0)
		pos_set(in, src.pos);
	if (r > 0 && out) { /* inotify, as Linux's sendfile */
		fsnotify_file(in, IN_ACCESS);
		fsnotify_file(out, IN_MODIFY);
	}
out_put:
	if (out)
		file_put(out);
	file_put(in);
	return r;
}

long sys_sendfile(const struct syscall_args *a)
{
	int64_t __user *uoff = uptr(a->arg[2]);
	int64_t off;
	long r;

	if (!uoff)
		return do_sendfile((int)a->arg[0], (int)a->arg[1], NULL, a->arg[3]);
	if (copy_from_user(&off, uoff, sizeof(off)))
		return -EFAULT;
	r = do_sendfile((int)a->arg[0], (int)a->arg[1], &off, a->arg[3]);
	if (copy_to_user(uoff, &off, sizeof(off)))
		return -EFAULT;
	return r;
}

/* ---- splice, tee ---- */

/* pipe -> file: the file's end at *off (or its position). */
static long splice_from_pipe(struct file *in, struct file *out, int64_t *off, size_t len,
			     bool nonblock)
{
	struct xfer_end dst = {.f = out};
	long r;

	if (off && no_pread(out))
		return -EINVAL;
	dst.pos = off ? (uint64_t)*off : pos_get(out);
	if (out->flags & O_APPEND)
		return -EINVAL;
	r = verify_area(dst.pos, len);
	if (r)
		return r;
	r = pipe_splice_out(in->inode, MIN(len, MAX_RW_COUNT), nonblock, drain_to_file, &dst);
	if (off)
		*off = (int64_t)dst.pos;
	else if (r > 0)
		pos_set(out, dst.pos);
	return r;
}

/* file -> pipe */
static long splice_to_pipe(struct file *in, struct file *out, int64_t *off, size_t len,
			   bool nonblock)
{
	struct xfer_end src = {.f = in};
	long r;

	if (off && no_pread(in))
		return -EINVAL;
	src.pos = off ? (uint64_t)*off : pos_get(in);
	r = verify_area(src.pos, len);
	if (r)
		return r;
	if (!splice_readable(in))
		return -EINVAL;
	r = sigpipe(
		pipe_splice_in(out->inode, MIN(len, MAX_RW_COUNT), nonblock, fill_from_file, &src));
	if (off)
		*off = (int64_t)src.pos;
	else if (r > 0)
		pos_set(in, src.pos);
	return r;
}

static long do_splice(struct file *in, int64_t __user *uoff_in, struct file *out,
		      int64_t __user *uoff_out, size_t len, unsigned flags)
{
	bool ipipe = is_pipe(in), opipe = is_pipe(out), nb = flags & SPLICE_F_NONBLOCK;
	int64_t off_in = 0, off_out = 0;
	long r;

	if ((ipipe && uoff_in) || (opipe && uoff_out))
		return -ESPIPE;
	if (uoff_out && copy_from_user(&off_out, uoff_out, sizeof(off_out)))
		return -EFAULT;
	if (uoff_in && copy_from_user(&off_in, uoff_in, sizeof(off_in)))
		return -EFAULT;
	if (!can_read(in) || !can_write(out))
		return -EBADF;
	if (ipipe && opipe) {
		if (in->inode == out->inode)
			return -EINVAL;
		nb = nb || ((in->flags | out->flags) & O_NONBLOCK);
		return sigpipe(pipe_splice_pipe(in->inode, out->inode, len, nb));
	}
	if (ipipe)
		r = splice_from_pipe(in, out, uoff_out ? &off_out : NULL, len,
				     nb || (in->flags & O_NONBLOCK));
	else if (opipe)
		r = splice_to_pipe(in, out, uoff_in ? &off_in : NULL, len,
				   nb || (out->flags & O_NONBLOCK));
	else
		return -EINVAL;
	if (r < 0)
		return r;
	if (uoff_out && copy_to_user(uoff_out, &off_out, sizeof(off_out)))
		return -EFAULT;
	if (uoff_in && copy_to_user(uoff_in, &off_in, sizeof(off_in)))
		return -EFAULT;
	return r;
}

long sys_splice(const struct syscall_args *a)
{
	size_t len = a->arg[4];
	unsigned flags = (unsigned)a->arg[5];
	struct file *in, *out;
	long r;

	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	in = get_io_file((int)a->arg[0]);
	if (!in)
		return -EBADF;
	out = get_io_file((int)a->arg[2]);
	if (!out) {
		file_put(in);
		return -EBADF;
	}
	r = do_splice(in, uptr(a->arg[1]), out, uptr(a->arg[3]), len, flags);
	if (r > 0) { /* inotify, as Linux's do_splice */
		fsnotify_file(in, IN_ACCESS);
		fsnotify_file(out, IN_MODIFY);
	}
	file_put(out);
	file_put(in);
	return r;
}

long sys_tee(const struct syscall_args *a)
{
	size_t len = a->arg[2];
	unsigned flags = (unsigned)a->arg[3];
	struct file *in, *out;
	long r;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	in = get_io_file((int)a->arg[0]);
	if (!in)
		return -EBADF;
	out = get_io_file((int)a->arg[1]);
	if (!out) {
		file_put(in);
		return -EBADF;
	}
	if (!can_read(in) || !can_write(out))
		r = -EBADF;
	else if (!is_pipe(in) || !is_pipe(out) || in->inode == out->inode)
		r = -EINVAL;
	else
		r = sigpipe(pipe_tee(in->inode, out->inode, len,
				     (flags & SPLICE_F_NONBLOCK) ||
					     ((in->flags | out->flags) & O_NONBLOCK)));
	file_put(out);
	file_put(in);
	return r;
}

/* ---- vmsplice ---- */

/* The caller's iovecs and how far a transfer has got through them. */
struct user_iter {
	struct iovec *iov;
	unsigned long nr, i;
	size_t off; /* into iov[i] */
};

/* Linux's import_iovec(): copy the array in, refuse a negative length, cap
 * the total at MAX_RW_COUNT.  The total, or -EINVAL / -EFAULT / -ENOMEM. */
static long iter_import(struct user_iter *it, const struct iovec __user *uiov, unsigned long nr)
{
	size_t total = 0;

	if (nr > UIO_MAXIOV)
		return -EINVAL;
	*it = (struct user_iter){.nr = nr};
	if (!nr)
		return 0;
	it->iov = kmalloc(nr * sizeof(*it->iov));
	if (!it->iov)
		return -ENOMEM;
	if (copy_from_user(it->iov, uiov, nr * sizeof(*it->iov)))
		return -EFAULT;
	for (unsigned long k = 0; k < nr; k++) {
		if ((ssize_t)it->iov[k].iov_len < 0)
			return -EINVAL;
		it->iov[k].iov_len = MIN(it->iov[k].iov_len, MAX_RW_COUNT - total);
		total += it->iov[k].iov_len;
	}
	return (long)total;
}

/* The next non-empty piece of the caller's memory, at most `max` bytes;
 * false once the iovecs are used up. */
static bool iter_next(struct user_iter *it, size_t max, uintptr_t *base, size_t *n)
{
	while (it->i < it->nr && it->off == it->iov[it->i].iov_len) {
		it->i++;
		it->off = 0;
	}
	if (it->i == it->nr)
		return false;
	/* exported UAPI headers drop __user from iov_base: it is an address */
	*base = (uintptr_t)it->iov[it->i].iov_base + it->off;
	*n = MIN(max, it->iov[it->i].iov_len - it->off);
	return true;
}

/* Into a pipe: one buffer per piece of a user page, as Linux. */
static ssize_t fill_from_user(void *arg, void *page, size_t len)
{
	struct user_iter *it = arg;
	uintptr_t base;
	size_t n;

	if (!iter_next(it, len, &base, &n))
		return 0;
	n = MIN(n, PIPE_PAGE_SIZE - (base & (PIPE_PAGE_SIZE - 1)));
	if (copy_from_user(page, uptr(base), n))
		return -EFAULT;
	it->off += n;
	return (ssize_t)n;
}

static ssize_t drain_to_user(void *arg, void *data, size_t len)
{
	struct user_iter *it = arg;
	uintptr_t base;
	size_t done = 0, n;

	while (done < len && iter_next(it, len - done, &base, &n)) {
		if (copy_to_user(uptr(base), (char *)data + done, n))
			return done ? (ssize_t)done : -EFAULT;
		it->off += n;
		done += n;
	}
	return (ssize_t)done;
}

/* Like Linux, only SPLICE_F_NONBLOCK makes vmsplice nonblocking, not the
 * file's O_NONBLOCK; after the first buffer it never waits. */
static long vmsplice_to_pipe(struct file *f, struct user_iter *it, bool nonblock)
{
	long done = 0;

	for (;;) {
		ssize_t n = pipe_splice_in(f->inode, PIPE_PAGE_SIZE, nonblock || done,
					   fill_from_user, it);

		if (n <= 0)
			return done ? done : sigpipe(n);
		done += n;
	}
}

long sys_vmsplice(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[3];
	struct user_iter it = {.iov = NULL};
	struct file *f;
	long r;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	f = get_io_file((int)a->arg[0]);
	if (!f)
		return -EBADF;
	r = -EBADF;
	if (!can_write(f) && !can_read(f))
		goto out_put;
	r = iter_import(&it, uptr(a->arg[1]), a->arg[2]);
	if (r <= 0)
		goto out_put;
	if (!is_pipe(f))
		r = -EBADF;
	else if (can_write(f))
		r = vmsplice_to_pipe(f, &it, flags & SPLICE_F_NONBLOCK);
	else
		r = pipe_splice_out(f->inode, (size_t)r, flags & SPLICE_F_NONBLOCK, drain_to_user,
				    &it);
out_put:
	kfree(it.iov);
	file_put(f);
	return r;
}

/* ---- copy_file_range ---- */

/* Linux's checks, in its order; *len is cut to the end of the input. */
static int copy_checks(struct file *in, uint64_t pos_in, struct file *out, uint64_t pos_out,
		       size_t *len)
{
	struct vfs_stat si, so;
	uint64_t count = *len;
	int err;

	err = vfs_stat(in->inode, &si);
	if (!err)
		err = vfs_stat(out->inode, &so);
	if (err)
		return err;
	if (S_ISDIR(si.mode) || S_ISDIR(so.mode))
		return -EISDIR;
	if (!S_ISREG(si.mode) || !S_ISREG(so.mode))
		return -EINVAL;
	if (!can_read(in) || !can_write(out) || (out->flags & O_APPEND))
		return -EBADF;
	if (in->inode->sb != out->inode->sb)
		return -EXDEV; /* no filesystem here copies across instances */
	if (pos_in + count < pos_in || pos_out + count < pos_out)
		return -EOVERFLOW;
	count = (int64_t)pos_in >= si.size ? 0 : MIN(count, (uint64_t)si.size - pos_in);
	if ((int64_t)pos_out == INT64_MAX)
		return -EFBIG;
	if (in->inode == out->inode && pos_out + count > pos_in && pos_out < pos_in + count)
		return -EINVAL; /* overlapping ranges of one file */
	err = verify_area(pos_in, count);
	if (!err)
		err = verify_area(pos_out, count);
	*len = count;
	return err;
}

/* Store a position back: through the user's pointer, or in the file. */
static int pos_store(struct file *f, int64_t __user *uoff, uint64_t pos)
{
	if (!uoff) {
		pos_set(f, pos);
		return 0;
	}
	return copy_to_user(uoff, &pos, sizeof(pos)) ? -EFAULT : 0;
}

long sys_copy_file_range(const struct syscall_args *a)
{
	int64_t __user *uoff_in = uptr(a->arg[1]);
	int64_t __user *uoff_out = uptr(a->arg[3]);
	size_t len = a->arg[4];
	struct file *in, *out;
	uint64_t pos_in, pos_out;
	long r = -EBADF;

	in = get_io_file((int)a->arg[0]);
	if (!in)
		return -EBADF;
	out = get_io_file((int)a->arg[2]);
	if (!out)
		goto out_put_in;
	pos_in = pos_get(in);
	pos_out = pos_get(out);
	r = -EFAULT;
	if (uoff_in && copy_from_user(&pos_in, uoff_in, sizeof(pos_in)))
		goto out_put;
	if (uoff_out && copy_from_user(&pos_out, uoff_out, sizeof(pos_out)))
		goto out_put;
	r = -EINVAL;
	if ((unsigned)a->arg[5])
		goto out_put;
	r = copy_checks(in, pos_in, out, pos_out, &len);
	if (r)
		goto out_put;
	r = copy_direct(in, &pos_in, out, &pos_out, MIN(len, MAX_RW_COUNT));
	if (r > 0) {
		fsnotify_file(in, IN_ACCESS);
		fsnotify_file(out, IN_MODIFY);
	}
	if (r > 0 && (pos_store(in, uoff_in, pos_in) || pos_store(out, uoff_out, pos_out)))
		r = -EFAULT;
out_put:
	file_put(out);
out_put_in:
	file_put(in);
	return r;
}
