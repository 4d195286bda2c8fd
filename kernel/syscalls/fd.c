/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Descriptor system calls: read, write, pread64, pwrite64, readv, writev,
 * lseek, close, dup, dup2, dup3, fcntl (descriptor and status flags).
 * Each takes a reference to the file for the duration of the call.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <linux/inotify.h>
#include <linux/close_range.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/fsnotify.h>
#include <kernel/inotify.h>
#include <kernel/cred.h>
#include <kernel/dnotify.h>
#include <kernel/file.h>
#include <kernel/kmsg.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include <asm-generic/siginfo.h>
#include <kernel/signal.h>
#include <kernel/socket.h>
#include <kernel/blkdev.h>
#include <kernel/rlimit.h>
#include <kernel/memfd.h>
#include <kernel/pipe.h>
#include "sys.h"

#define STATUS_FLAGS (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC)
#define MAX_RW_COUNT (0x7ffff000ul) /* Linux caps one transfer at INT_MAX & PAGE_MASK */

/* O_ACCMODE 3 (a descriptor for ioctls only) neither reads nor writes */
static bool readable(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR);
}

static bool writable(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR);
}

/* A tty's major: 4 (ttyS*), 5 (tty, console, ptmx), 136 (pts/N). */
static bool is_tty_rdev(uint32_t rdev)
{
	unsigned major = (rdev >> 8) & 0xfff;

	return major == 4 || major == 5 || major == 136;
}

/* Pipes, sockets and ttys have no position: lseek, pread and pwrite give
 * ESPIPE (Linux opens a tty nonseekable). */
static bool is_stream(struct file *f)
{
	struct vfs_stat st;

	return vfs_stat(f->inode, &st) == 0 && (S_ISFIFO(st.mode) || S_ISSOCK(st.mode) ||
						(S_ISCHR(st.mode) && is_tty_rdev(st.rdev)));
}

int file_write_limit(struct file *f, uint64_t off, struct iobuf *b)
{
	struct vfs_stat st;

	/* only a file with a position can be a regular file: devices, pipes
	 * and sockets never pay for the check */
	if (!f->has_pos || !b->len || rlimit_cur(RLIMIT_FSIZE) == RLIM64_INFINITY)
		return 0;
	if (vfs_stat(f->inode, &st) || !S_ISREG(st.mode))
		return 0;
	return rlimit_fsize_write((f->flags & O_APPEND) ? (uint64_t)st.size : off, &b->len);
}

/* One transfer at `*pos` (NULL: the file's own position, updated). */
static ssize_t do_rw(struct file *f, bool write, void __user *ubuf, size_t count, uint64_t *pos)
{
	struct iobuf b = {.user = true, .ubuf = ubuf, .len = MIN(count, MAX_RW_COUNT)};
	uint64_t off;
	ssize_t n;

	if (write ? !writable(f) : !readable(f))
		return -EBADF;
	if (!access_ok(ubuf, count)) /* the whole count, before trimming, as Linux */
		return -EFAULT;
	if (pos && write) {
		n = file_write_limit(f, *pos, &b);
		return n ? n : vfs_write(f->inode, *pos, &b, f->flags);
	}
	if (pos)
		return vfs_read(f->inode, *pos, &b, f->flags);
	if (!f->has_pos) /* streams and devices: no position to keep */
		return write ? vfs_write(f->inode, 0, &b, f->flags)
			     : vfs_read(f->inode, 0, &b, f->flags);
	mutex_lock(&f->pos_lock);
	off = f->pos;
	n = write ? file_write_limit(f, off, &b) : 0;
	if (!n)
		n = write ? vfs_write(f->inode, off, &b, f->flags)
			  : vfs_read(f->inode, off, &b, f->flags);
	if (n > 0 && write && (f->flags & O_APPEND)) {
		struct vfs_stat st; /* the service wrote at the end of the file */

		f->pos = vfs_stat(f->inode, &st) == 0 ? (uint64_t)st.size : off + (uint64_t)n;
	} else if (n > 0) {
		f->pos = off + (uint64_t)n;
	}
	mutex_unlock(&f->pos_lock);
	return n;
}

ssize_t sigpipe(ssize_t n)
{
	if (n == -EPIPE) {
		struct process *p = current_process();
		struct ksiginfo si = {.code = SI_USER, .pid = p->pid, .uid = current_cred()->uid};

		signal_send(p, SIGPIPE, &si);
	}
	return n;
}

/* Inlined into each of its four callers, so that `write` and `positional`
 * are constants there: the common read and write take no test of them
 * (out of line, the call cost read(2) about 30 instructions). */
static __always_inline long rw(const struct syscall_args *a, bool write, bool positional)
{
	struct file *f = get_file((int)a->arg[0]);
	uint64_t pos = a->arg[3];
	long r;

	if (!f)
		return -EBADF;
	if (positional && (int64_t)pos < 0)
		r = -EINVAL;
	else if (positional && !f->has_pos && is_stream(f)) /* a regular file is none */
		r = -ESPIPE;
	else if (!write && !a->arg[2] && inotify_is(f))
		r = inotify_read_empty(f);
	else
		r = do_rw(f, write, uptr(a->arg[1]), a->arg[2], positional ? &pos : NULL);
	if (r > 0)
		fsnotify_file(f, write ? IN_MODIFY : IN_ACCESS);
	if (write && r == -EPIPE && !socket_of(f)) /* a socket raises its own (kernel/socket.h) */
		r = sigpipe(r);
	file_put(f);
	return r;
}

long sys_read(const struct syscall_args *a)
{
	return rw(a, false, false);
}

long sys_write(const struct syscall_args *a)
{
	return rw(a, true, false);
}

long sys_pread64(const struct syscall_args *a)
{
	return rw(a, false, true);
}

long sys_pwrite64(const struct syscall_args *a)
{
	return rw(a, true, true);
}

#define FAST_IOV  8	/* vectors this short are checked on the stack */
#define RWF_KNOWN 0x1fu /* RWF_HIPRI..RWF_APPEND: known, and no-ops here */

/* Copy and check the whole vector before anything moves, as Linux's
 * import_iovec: -EFAULT if it cannot be read or a buffer is not in user
 * space, -EINVAL for a negative length; lengths are trimmed so the total
 * stays within MAX_RW_COUNT.  *out is `fast` or a kmalloc()ed copy. */
static long import_iovecs(const struct iovec __user *uiov, unsigned long cnt, struct iovec *fast,
			  struct iovec **out)
{
	struct iovec *iov = fast;
	size_t total = 0;

	if (cnt > FAST_IOV) {
		iov = kmalloc(cnt * sizeof(*iov));
		if (!iov)
			return -ENOMEM;
	}
	if (copy_from_user(iov, uiov, cnt * sizeof(*iov)))
		goto err_fault;
	for (unsigned long i = 0; i < cnt; i++) {
		/* exported UAPI headers drop __user from iov_base: restore it */
		if ((ssize_t)iov[i].iov_len < 0) {
			if (iov != fast)
				kfree(iov);
			return -EINVAL;
		}
		if (!access_ok(uptr((uintptr_t)iov[i].iov_base), iov[i].iov_len))
			goto err_fault;
		iov[i].iov_len = MIN(iov[i].iov_len, MAX_RW_COUNT - total);
		total += iov[i].iov_len;
	}
	*out = iov;
	return 0;
err_fault:
	if (iov != fast)
		kfree(iov);
	return -EFAULT;
}

/* readv/writev, and with `pos` the positional preadv/pwritev; `rwf` is
 * preadv2/pwritev2's flags.  Errors in Linux's order: a negative offset,
 * the descriptor, ESPIPE, the access mode, the vector, then unknown flags
 * (only once there is something to move). */
static long rwv(const struct syscall_args *a, bool write, int64_t *pos, uint64_t rwf)
{
	struct iovec fast[FAST_IOV], *iov;
	unsigned long cnt = a->arg[2];
	struct file *f;
	bool kmsg = false;
	long total = 0;

	if (pos && *pos < 0)
		return -EINVAL;
	f = get_file((int)a->arg[0]);
	if (!f)
		return -EBADF;
	if (pos && !f->has_pos && is_stream(f))
		total = -ESPIPE;
	else if (write ? !writable(f) : !readable(f))
		total = -EBADF;
	else if (cnt > UIO_MAXIOV)
		total = -EINVAL;
	else if (write && !pos && devfs_is_kmsg(f->inode))
		kmsg = true; /* one record for the whole vector */
	else
		total = import_iovecs(uptr(a->arg[1]), cnt, fast, &iov);
	if (kmsg)
		total = kmsg_writev(uptr(a->arg[1]), cnt);
	if (total || kmsg) {
		file_put(f);
		return total;
	}
	if (socket_of(f) && !(rwf & ~(uint64_t)RWF_KNOWN)) {
		/* one message for the whole vector (kernel/socket.h) */
		total = socket_rwv(socket_of(f), iov, cnt, write, f->flags);
		if (iov != fast)
			kfree(iov);
		file_put(f);
		return total;
	}
	for (unsigned long i = 0; i < cnt; i++) {
		void __user *base = uptr((uintptr_t)iov[i].iov_base);
		ssize_t n;

		if (!iov[i].iov_len)
			continue;
		if (rwf & ~(uint64_t)RWF_KNOWN) {
			total = -EOPNOTSUPP;
			break;
		}
		if (pos) {
			uint64_t at = (uint64_t)*pos;

			n = do_rw(f, write, base, iov[i].iov_len, &at);
			if (n > 0)
				*pos += n;
		} else {
			n = do_rw(f, write, base, iov[i].iov_len, NULL);
		}
		if (write && !socket_of(f))
			n = sigpipe(n);
		if (n < 0) {
			total = total ? total : n;
			break;
		}
		total += n;
		if ((size_t)n < iov[i].iov_len)
			break; /* a short transfer ends the vector */
	}
	if (iov != fast)
		kfree(iov);
	if (total > 0)
		fsnotify_file(f, write ? IN_MODIFY : IN_ACCESS);
	file_put(f);
	return total;
}

long sys_readv(const struct syscall_args *a)
{
	return rwv(a, false, NULL, 0);
}

long sys_writev(const struct syscall_args *a)
{
	return rwv(a, true, NULL, 0);
}

/* preadv(fd, iov, cnt, pos_l, pos_h): on 64-bit, pos_l is the offset */
long sys_preadv(const struct syscall_args *a)
{
	int64_t pos = (int64_t)a->arg[3];

	return rwv(a, false, &pos, 0);
}

long sys_pwritev(const struct syscall_args *a)
{
	int64_t pos = (int64_t)a->arg[3];

	return rwv(a, true, &pos, 0);
}

/* preadv2/pwritev2: offset -1 means the file position; flags (RWF_*) must
 * be ones Linux knows, none of which changes anything here */
static long rwv2(const struct syscall_args *a, bool write)
{
	int64_t pos = (int64_t)a->arg[3];

	return rwv(a, write, pos == -1 ? NULL : &pos, a->arg[5]);
}

long sys_preadv2(const struct syscall_args *a)
{
	return rwv2(a, false);
}

long sys_pwritev2(const struct syscall_args *a)
{
	return rwv2(a, true);
}

long sys_lseek(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);
	int64_t off = (int64_t)a->arg[1], base;
	struct vfs_stat st;
	long r;

	if (!f)
		return -EBADF;
	/* regular files and directories (has_pos) skip the stream checks */
	if (!f->has_pos && is_stream(f)) {
		file_put(f);
		return -ESPIPE;
	}
	if (!f->has_pos && vfs_stat(f->inode, &st) == 0 && S_ISCHR(st.mode)) {
		if (st.rdev == ((1 << 8) | 11)) { /* /dev/kmsg: records, by number */
			r = kmsg_seek(f->inode->priv, off, (int)a->arg[2]);
			file_put(f);
			return r;
		}
		file_put(f);
		/* memory devices (null, zero, ...) stay at 0 (ttys are streams) */
		return 0;
	}
	mutex_lock(&f->pos_lock);
	switch ((int)a->arg[2]) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		r = vfs_stat(f->inode, &st);
		base = r ? 0 : st.size;
		if (!r && S_ISBLK(st.mode)) /* stat shows 0: the device's size */
			base = blk_node_size(f->inode);
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		/* the whole file is data, with the implicit hole at its end */
		r = vfs_stat(f->inode, &st);
		if (r)
			goto out;
		if (off < 0 || off >= st.size) {
			r = -ENXIO;
			goto out;
		}
		base = (int)a->arg[2] == SEEK_DATA ? 0 : st.size - off;
		if (S_ISREG(st.mode)) {
			/* a filesystem that keeps holes says where they are */
			int64_t at =
				vfs_seek_data(f->inode, (uint64_t)off, (int)a->arg[2] == SEEK_HOLE);

			if (at >= 0) {
				base = at - off;
			} else if (at != -EOPNOTSUPP) {
				r = (long)at;
				goto out;
			}
		}
		break;
	default:
		r = -EINVAL;
		goto out;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0) {
		r = (off > 0 && base > INT64_MAX - off) ? -EOVERFLOW : -EINVAL;
		goto out;
	}
	/* a block device's position stays inside it (fixed_size_llseek) */
	if (blk_is_node(f->inode) && base + off > blk_node_size(f->inode)) {
		r = -EINVAL;
		goto out;
	}
	f->pos = (uint64_t)(base + off);
	r = (long)f->pos;
out:
	mutex_unlock(&f->pos_lock);
	file_put(f);
	return r;
}

long sys_close(const struct syscall_args *a)
{
	return fdt() ? fdtable_close(fdt(), (int)a->arg[0]) : -EBADF;
}

static long dup_from(int oldfd, int min, bool cloexec)
{
	struct file *f = get_file(oldfd);
	long r;

	if (!f)
		return -EBADF;
	r = fdtable_install(fdt(), f, min, cloexec);
	file_put(f);
	return r;
}

long sys_dup(const struct syscall_args *a)
{
	return dup_from((int)a->arg[0], 0, false);
}

long sys_dup2(const struct syscall_args *a)
{
	int oldfd = (int)a->arg[0], newfd = (int)a->arg[1];
	struct file *f;

	if (oldfd == newfd) { /* valid oldfd: returns it unchanged */
		f = get_file(oldfd);
		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return fdt() ? fdtable_dup_to(fdt(), oldfd, newfd, false) : -EBADF;
}

long sys_dup3(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[2];

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (a->arg[0] == a->arg[1])
		return -EINVAL;
	return fdt() ? fdtable_dup_to(fdt(), (int)a->arg[0], (int)a->arg[1], flags & O_CLOEXEC)
		     : -EBADF;
}

long sys_fcntl(const struct syscall_args *a)
{
	int fd = (int)a->arg[0];
	struct file *f = get_file(fd);
	long r;

	if (!f)
		return -EBADF;
	switch ((int)a->arg[1]) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		r = (int)a->arg[2] < 0 || (int)a->arg[2] >= fdt()->max_fds
			    ? -EINVAL
			    : fdtable_install(fdt(), f, (int)a->arg[2],
					      (int)a->arg[1] == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		r = fdtable_get_cloexec(fdt(), fd);
		break;
	case F_SETFD:
		r = fdtable_set_cloexec(fdt(), fd, a->arg[2] & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = f->flags;
		break;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		r = fcntl_pipe_size(f, (int)a->arg[1], (unsigned)a->arg[2]);
		break;
	case F_SETFL:
		/* O_DIRECT only where open(2) takes it, and on pipe2's pipes */
		if ((a->arg[2] & O_DIRECT) && !(f->flags & O_DIRECT) && !vfs_direct_io(f->inode) &&
		    !(pipe_is(f->inode) && !f->path)) {
			r = -EINVAL;
			break;
		}
		mutex_lock(&f->pos_lock);
		f->flags = (f->flags & ~STATUS_FLAGS) | ((unsigned)a->arg[2] & STATUS_FLAGS);
		mutex_unlock(&f->pos_lock);
		r = 0;
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		r = fcntl_lock(f, (int)a->arg[1], uptr(a->arg[2]));
		break;
	case F_GETOWN:
	case F_SETOWN:
	case F_GETOWN_EX:
	case F_SETOWN_EX:
	case F_GETSIG:
	case F_SETSIG:
	case F_GETLEASE:
		r = fcntl_owner(f, (int)a->arg[1], a->arg[2]);
		break;
	case F_ADD_SEALS:
	case F_GET_SEALS:
		r = f->flags & O_PATH ? -EBADF
				      : memfd_fcntl(f, (int)a->arg[1], (unsigned)a->arg[2]);
		break;
	case F_NOTIFY:
		r = f->flags & O_PATH ? -EBADF : dnotify_fcntl(f, fd, a->arg[2]);
		break;
	default:
		r = -EINVAL;
	}
	file_put(f);
	return r;
}

long sys_close_range(const struct syscall_args *a)
{
	unsigned first = (unsigned)a->arg[0], last = (unsigned)a->arg[1];
	unsigned flags = (unsigned)a->arg[2];
	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	if ((flags & CLOSE_RANGE_UNSHARE) && process_unshare_files())
		return -ENOMEM;
	fdtable_close_range(fdt(), first, last, flags & CLOSE_RANGE_CLOEXEC);
	return 0;
}
