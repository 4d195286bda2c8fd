/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Dispatch wrappers over the INode ops tables, the instance's ops and its
 * type's mount: the only code that calls through them (make check's
 * check-crossings).  The pattern of each: check the kind (EISDIR, ENOTDIR,
 * EINVAL as Linux reports them), check the instance is alive (EIO once
 * containment marked it failed), then call the slot inside SVC_CALL
 * (contain.h: contained on a service instance, direct on a ring-1 kind)
 * or return the empty slot's errno.  stat() fills st_dev from the mount,
 * so a service never needs to know its device number.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/poll.h>
#include <linux/stat.h>
#include <linux/xattr.h>
#include <linux/fcntl.h>
#include <kernel/memfd.h>
#include <linux/inotify.h>
#include <kernel/anon.h>
#include <kernel/attr.h>
#include <kernel/dnotify.h>
#include <kernel/fsnotify.h>
#include <platform/page.h>
#include <kernel/pagecache.h>
#include <kernel/dac.h>
#include <kernel/vfs.h>
#include <kernel/cred.h>
#include <kernel/perm.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include "contain.h"
#include "fs.h"

static bool failed(const struct inode *i)
{
	return i->sb && READ_ONCE(i->sb->failed);
}

/* A single path component: 1..255 bytes, no '/', not "." or "..". */
static int check_name(const char *name, size_t len)
{
	if (!len)
		return -ENOENT;
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (memchr(name, '/', len) || memchr(name, '\0', len))
		return -EINVAL;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EINVAL;
	return 0;
}

static int dir_check(const struct inode *dir, const char *name, size_t len)
{
	if (dir->kind != INODE_DIR)
		return -ENOTDIR;
	if (failed(dir))
		return -EIO;
	return check_name(name, len);
}

/* read/write on anything but a FileLike, or on a failed instance */
static int io_check(const struct inode *i)
{
	if (i->kind == INODE_DIR)
		return -EISDIR;
	if (i->kind != INODE_FILE)
		return -EINVAL;
	return failed(i) ? -EIO : 0;
}

/* The hot wrappers' contained calls, out of line (svc_needs_frame). */
static __attribute__((noinline)) ssize_t read_in_service(struct inode *i, uint64_t off,
							 struct iobuf *b, unsigned flags)
{
	return SVC_CALL(i->sb, SVC_OP_READ, i->ops.file, i->ops.file->read(i, off, b, flags));
}

static __attribute__((noinline)) ssize_t write_in_service(struct inode *i, uint64_t off,
							  struct iobuf *b, unsigned flags)
{
	return SVC_CALL(i->sb, SVC_OP_WRITE, i->ops.file, i->ops.file->write(i, off, b, flags));
}

static __attribute__((noinline)) unsigned poll_in_service(struct inode *i, unsigned events,
							  unsigned flags, struct poll_table *pt)
{
	return SVC_CALL_OR(i->sb, SVC_OP_POLL, i->ops.file, POLLERR | POLLHUP,
			   i->ops.file->poll(i, events, flags, pt));
}

static __attribute__((noinline)) void release_in_service(struct inode *i, unsigned flags)
{
	SVC_CALL_VOID(i->sb, SVC_OP_RELEASE, i->ops.file, i->ops.file->release(i, flags));
}

/* O_DIRECT on a cached file, as Linux's generic direct I/O: the range's
 * dirty cached pages reach the storage first, so a direct read sees
 * them and a direct write is not undone by their later write-back (the
 * service brings the cached pages up to date after a direct write). */
static int direct_flush(struct inode *i, uint64_t off, size_t len)
{
	if (!i->pcache || !len)
		return 0;
	return pcache_writeback(i, off / PAGE_SIZE, (off + len - 1) / PAGE_SIZE);
}

ssize_t vfs_read(struct inode *i, uint64_t off, struct iobuf *b, unsigned flags)
{
	int err = io_check(i);

	if (err)
		return err;
	if (!i->ops.file->read)
		return -EINVAL;
	/* anonymous FileLikes judge a zero-length read themselves (eventfd,
	 * signalfd and timerfd refuse it with EINVAL, as Linux) */
	if (!b->len && !anon_name(i))
		return 0;
	if (unlikely(flags & O_DIRECT) && (err = direct_flush(i, off, b->len)) != 0)
		return err;
	if (svc_needs_frame(i->sb))
		return read_in_service(i, off, b, flags);
	return SVC_CALL(svc_direct_sb(i->sb), SVC_OP_READ, i->ops.file,
			i->ops.file->read(i, off, b, flags));
}

ssize_t vfs_read_full(struct inode *i, uint64_t off, const struct iobuf *b)
{
	struct iobuf part = *b;
	size_t done = 0;

	while (done < b->len) {
		ssize_t n = vfs_read(i, off + done, &part, 0);

		if (n < 0)
			return n;
		if (n == 0)
			break;
		done += (size_t)n;
		part.len -= (size_t)n;
		if (part.user)
			part.ubuf = (char __user *)part.ubuf + n;
		else
			part.kbuf = (char *)part.kbuf + n;
	}
	return (ssize_t)done;
}

ssize_t vfs_write(struct inode *i, uint64_t off, struct iobuf *b, unsigned flags)
{
	int err = io_check(i);
	ssize_t n;

	if (err)
		return err;
	if (!i->ops.file->write)
		return -EINVAL;
	if (unlikely(memfd_seals(i))) {
		ssize_t ok = memfd_write_allowed(i, off, b->len, flags);

		if (ok < 0)
			return ok;
		b->len = (size_t)ok;
	}
	if (b->len && i->sb && !READ_ONCE(i->nosec)) {
		err = attr_kill_priv(i);
		if (err)
			return err;
	}
	if (unlikely(flags & O_DIRECT) && (err = direct_flush(i, off, b->len)) != 0)
		return err;
	if (svc_needs_frame(i->sb))
		n = write_in_service(i, off, b, flags);
	else
		n = SVC_CALL(svc_direct_sb(i->sb), SVC_OP_WRITE, i->ops.file,
			     i->ops.file->write(i, off, b, flags));
	/* O_SYNC and O_DSYNC: the bytes reach the storage before the write
	 * returns (the whole file's dirty pages: a superset of the range);
	 * O_DSYNC alone as fdatasync, O_SYNC (__O_SYNC with it) as fsync */
	if (unlikely(flags & O_DSYNC) && n > 0 && i->pcache) {
		err = vfs_fsync(i, !(flags & __O_SYNC));
		if (err)
			return err;
	}
	return n;
}

long vfs_ioctl(struct inode *i, unsigned cmd, uint64_t arg)
{
	if (i->kind != INODE_FILE || !i->ops.file->ioctl)
		return -ENOTTY;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_IOCTL, i->ops.file, i->ops.file->ioctl(i, cmd, arg));
}

int vfs_open(struct inode *i, unsigned flags)
{
	if (i->kind == INODE_DIR && i->ops.dir->open)
		return failed(i) ? -EIO
				 : SVC_CALL(i->sb, SVC_OP_OPEN, i->ops.dir,
					    i->ops.dir->open(i, flags));
	if (i->kind != INODE_FILE || !i->ops.file->open)
		return 0;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_OPEN, i->ops.file, i->ops.file->open(i, flags));
}

/* A file of a failed instance is broken: POLLERR|POLLHUP, as Linux reports
 * a file whose device is gone, so a poller wakes and its read sees EIO. */
unsigned vfs_poll(struct inode *i, unsigned events, unsigned flags, struct poll_table *pt)
{
	if (failed(i))
		return POLLERR | POLLHUP;
	if (i->kind != INODE_FILE || !i->ops.file->poll)
		return events & (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
	if (svc_needs_frame(i->sb))
		return poll_in_service(i, events, flags, pt);
	return SVC_CALL_OR(svc_direct_sb(i->sb), SVC_OP_POLL, i->ops.file, POLLERR | POLLHUP,
			   i->ops.file->poll(i, events, flags, pt));
}

bool vfs_can_poll(const struct inode *i)
{
	return i->kind == INODE_FILE && i->ops.file->poll;
}

void vfs_release(struct inode *i, unsigned flags)
{
	if (i->kind != INODE_FILE || !i->ops.file->release || failed(i))
		return;
	if (svc_needs_frame(i->sb))
		release_in_service(i, flags);
	else
		SVC_CALL_VOID(svc_direct_sb(i->sb), SVC_OP_RELEASE, i->ops.file,
			      i->ops.file->release(i, flags));
}

int vfs_truncate(struct inode *i, uint64_t len)
{
	int err;

	if (i->kind == INODE_DIR)
		return -EISDIR;
	if (i->kind != INODE_FILE || !i->ops.file->truncate)
		return -EINVAL;
	if (failed(i))
		return -EIO;
	err = memfd_seals(i) ? memfd_resize_allowed(i, len) : 0;
	if (!err)
		err = attr_kill_priv(i);
	if (!err)
		err = SVC_CALL(i->sb, SVC_OP_TRUNCATE, i->ops.file, i->ops.file->truncate(i, len));
	if (!err && i->pcache) /* the cached pages past the end go too */
		pcache_truncate(i, len);
	return err;
}

int vfs_fallocate(struct inode *i, int mode, uint64_t off, uint64_t len)
{
	int err;

	if (i->kind != INODE_FILE || !i->ops.file->fallocate)
		return -EOPNOTSUPP;
	if (failed(i))
		return -EIO;
	err = memfd_seals(i) ? memfd_fallocate_allowed(i, mode, off + len) : 0;
	if (!err)
		err = attr_kill_priv(i);
	return err ? err
		   : SVC_CALL(i->sb, SVC_OP_FALLOCATE, i->ops.file,
			      i->ops.file->fallocate(i, mode, off, len));
}

int64_t vfs_seek_data(struct inode *i, uint64_t off, bool hole)
{
	if (i->kind != INODE_FILE || !i->ops.file->seek_data)
		return -EOPNOTSUPP;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_SEEK_DATA, i->ops.file, i->ops.file->seek_data(i, off, hole));
}

int vfs_fiemap(struct inode *i, uint64_t start, uint64_t len, vfs_fiemap_fn emit, void *ctx)
{
	if (i->kind != INODE_FILE || !i->ops.file->fiemap)
		return -EOPNOTSUPP;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_FIEMAP, i->ops.file,
			i->ops.file->fiemap(i, start, len, emit, ctx));
}

ssize_t vfs_splice_read(struct inode *i, uint64_t off, size_t len, unsigned flags, vfs_splice_fn fn,
			void *ctx)
{
	if (i->kind != INODE_FILE || !i->ops.file->splice_read)
		return -EOPNOTSUPP;
	if (failed(i))
		return -EIO;
	if (!len)
		return 0;
	return SVC_CALL(i->sb, SVC_OP_SPLICE_READ, i->ops.file,
			i->ops.file->splice_read(i, off, len, flags, fn, ctx));
}

/* The service's frame by handle (svc_page_frame checks it in fortress). */
int vfs_get_page(struct inode *i, uint64_t pgoff, struct page **page)
{
	struct svc_page *h = NULL;
	int err;

	if (i->kind != INODE_FILE || !i->ops.file->get_page)
		return -ENODEV;
	if (failed(i))
		return -EIO;
	err = SVC_CALL(i->sb, SVC_OP_GET_PAGE, i->ops.file, i->ops.file->get_page(i, pgoff, &h));
	if (!err && !(*page = svc_page_frame(i->sb, h)))
		err = -EIO;
	return err;
}

bool vfs_has_pages(struct inode *i)
{
	return i->kind == INODE_FILE && (i->ops.file->get_page || i->ops.file->readpage);
}

/* The page cache's calls into the service (pagecache.c): the frame by
 * handle, as get_page's. */
int vfs_readpage(struct inode *i, uint64_t pgoff, struct page *pg)
{
	if (i->kind != INODE_FILE || !i->ops.file->readpage)
		return -EINVAL;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_READPAGE, i->ops.file,
			i->ops.file->readpage(i, pgoff, (struct svc_page *)pg));
}

int vfs_writepage(struct inode *i, uint64_t pgoff, struct page *pg, size_t len)
{
	if (i->kind != INODE_FILE || !i->ops.file->writepage)
		return -EINVAL;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_WRITEPAGE, i->ops.file,
			i->ops.file->writepage(i, pgoff, (struct svc_page *)pg, len));
}

/* Containment counts it as writepage (the same operation, batched). */
int vfs_writepages(struct inode *i, const uint64_t *idx, struct svc_page *const *pgs, unsigned n,
		   uint64_t size)
{
	if (i->kind != INODE_FILE || !i->ops.file->writepages)
		return -EINVAL;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_WRITEPAGE, i->ops.file,
			i->ops.file->writepages(i, idx, pgs, n, size));
}

bool vfs_is_special(const struct inode *i)
{
	return i->kind == INODE_FILE && i->ops.file->special;
}

/* The cached dirty pages first, then the service's own (metadata, its
 * disk's cache): the first error of either. */
static int fsync_op(struct inode *i, bool datasync)
{
	if (i->kind == INODE_DIR && i->sb) /* its entries: the instance's journal */
		return vfs_sync_fs(i->sb, true);
	if (i->kind != INODE_FILE || !i->ops.file->fsync)
		return 0;
	return SVC_CALL(i->sb, SVC_OP_FSYNC, i->ops.file, i->ops.file->fsync(i, datasync));
}

int vfs_fsync_range(struct inode *i, uint64_t from, uint64_t to, bool datasync)
{
	int err = 0, err2;

	if (failed(i))
		return -EIO;
	if (i->pcache)
		err = pcache_writeback(i, from, to);
	err2 = fsync_op(i, datasync);
	return err ? err : err2;
}

int vfs_fsync(struct inode *i, bool datasync)
{
	return vfs_fsync_range(i, 0, UINT64_MAX, datasync);
}

int vfs_show_fdinfo(struct inode *i, char *buf, size_t size)
{
	if (failed(i))
		return -EIO;
	if (i->kind != INODE_FILE || !i->ops.file->show_fdinfo)
		return 0;
	return SVC_CALL(i->sb, SVC_OP_SHOW_FDINFO, i->ops.file,
			i->ops.file->show_fdinfo(i, buf, size));
}

/* stat and setattr are slots of every kind's table. */
static bool has_stat(const struct inode *i)
{
	switch (i->kind) {
	case INODE_FILE:
		return i->ops.file->stat;
	case INODE_DIR:
		return i->ops.dir->stat;
	default:
		return i->ops.symlink->stat;
	}
}

static bool has_setattr(const struct inode *i)
{
	switch (i->kind) {
	case INODE_FILE:
		return i->ops.file->setattr;
	case INODE_DIR:
		return i->ops.dir->setattr;
	default:
		return i->ops.symlink->setattr;
	}
}

int vfs_stat(struct inode *i, struct vfs_stat *st)
{
	int err;

	if (failed(i))
		return -EIO;
	*st = (struct vfs_stat){0}; /* inline, not a memset call */
	if (!has_stat(i))
		return -EIO; /* every implementation must describe itself */
	switch (i->kind) {
	case INODE_FILE:
		err = SVC_CALL(i->sb, SVC_OP_STAT, i->ops.file, i->ops.file->stat(i, st));
		break;
	case INODE_DIR:
		err = SVC_CALL(i->sb, SVC_OP_STAT, i->ops.dir, i->ops.dir->stat(i, st));
		break;
	default:
		err = SVC_CALL(i->sb, SVC_OP_STAT, i->ops.symlink, i->ops.symlink->stat(i, st));
		break;
	}
	if (!err) {
		st->dev = i->sb ? i->sb->dev_id : 0;
		st->ino = i->ino;
	}
	return err;
}

int vfs_remount(struct vfs_sb *sb, bool read_only, const char *data, size_t len)
{
	if (READ_ONCE(sb->failed))
		return -EIO;
	if (!sb->ops || !sb->ops->remount)
		return 0;
	return SVC_CALL(sb, SVC_OP_REMOUNT, sb->ops, sb->ops->remount(sb, read_only, data, len));
}

void vfs_show_options(struct vfs_sb *sb, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	if (READ_ONCE(sb->failed) || !sb->ops || !sb->ops->show_options)
		return;
	if (SVC_CALL(sb, SVC_OP_SHOW_OPTIONS, sb->ops, sb->ops->show_options(sb, buf, size)) < 0)
		buf[0] = '\0';
	buf[size - 1] = '\0';
}

int vfs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	if (!sb)
		return 0;
	if (READ_ONCE(sb->failed))
		return -EIO;
	if (!sb->ops || !sb->ops->statfs)
		return 0; /* the defaults stand */
	return SVC_CALL(sb, SVC_OP_STATFS, sb->ops, sb->ops->statfs(sb, st));
}

int vfs_sync_fs(struct vfs_sb *sb, bool wait)
{
	if (READ_ONCE(sb->failed))
		return -EIO;
	if (!sb->ops || !sb->ops->sync_fs)
		return 0; /* the buffer cache is all there is to write */
	return SVC_CALL(sb, SVC_OP_SYNC_FS, sb->ops, sb->ops->sync_fs(sb, wait));
}

int vfs_setattr(struct inode *i, const struct vfs_setattr *a)
{
	if (failed(i))
		return -EIO;
	if (i->sb && i->sb->read_only)
		return -EROFS;
	if ((a->valid & VFS_SET_MODE) && memfd_seals(i)) {
		int err = memfd_chmod_allowed(i, a->mode);

		if (err)
			return err;
	}
	WRITE_ONCE(i->nosec, false); /* the mode may gain set-id bits */
	if (!has_setattr(i))
		return -EPERM;
	switch (i->kind) {
	case INODE_FILE:
		return SVC_CALL(i->sb, SVC_OP_SETATTR, i->ops.file, i->ops.file->setattr(i, a));
	case INODE_DIR:
		return SVC_CALL(i->sb, SVC_OP_SETATTR, i->ops.dir, i->ops.dir->setattr(i, a));
	default:
		return SVC_CALL(i->sb, SVC_OP_SETATTR, i->ops.symlink,
				i->ops.symlink->setattr(i, a));
	}
}

/* An op's new reference in *out (lookup, create...) becomes ring 1's as
 * the op returns, still inside the crossing, so that a failed instance's
 * teardown never takes it for one of the service's own. */
static inline int adopted(const struct inode *dir, int err, struct inode **out)
{
	if (!err && svc_contained(dir->sb))
		svc_inode_adopt(*out);
	return err;
}

int vfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	int err = dir_check(dir, name, len);

	if (err)
		return err;
	if (!dir->ops.dir->lookup)
		return -ENOENT;
	return SVC_CALL(dir->sb, SVC_OP_LOOKUP, dir->ops.dir,
			adopted(dir, dir->ops.dir->lookup(dir, name, len, out), out));
}

/* Mutations: after dir_check, a read-only instance gives -EROFS; the
 * caller then maps an empty slot to -EROFS too (checked only once the kind
 * is known, so the right table is read). */
static int mutation_check(struct inode *dir, const char *name, size_t len)
{
	int err = dir_check(dir, name, len);

	if (!err && dir->sb && dir->sb->read_only)
		err = -EROFS;
	return err;
}

/* A new name on a read-only instance: EEXIST when the name is taken (a
 * mount point, say), which Linux checks before EROFS; else EROFS. */
static int creation_check(struct inode *dir, const char *name, size_t len)
{
	struct inode *old;
	int err = dir_check(dir, name, len);

	if (err || !dir->sb || !dir->sb->read_only)
		return err;
	if (dir->ops.dir->lookup &&
	    SVC_CALL(dir->sb, SVC_OP_LOOKUP, dir->ops.dir,
		     adopted(dir, dir->ops.dir->lookup(dir, name, len, &old), &old)) == 0) {
		inode_put(old);
		return -EEXIST;
	}
	return -EROFS;
}

#define SLOT_OR_EROFS(d, slot) ((d)->ops.dir->slot ? 0 : -EROFS)

int vfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode, struct inode **out)
{
	int err = creation_check(dir, name, len);

	if (!err)
		err = SLOT_OR_EROFS(dir, create);
	if (!err)
		err = dac_may_create(dir, name, len);

	if (!err)
		err = SVC_CALL(dir->sb, SVC_OP_CREATE, dir->ops.dir,
			       adopted(dir, dir->ops.dir->create(dir, name, len, mode, out), out));
	if (!err) {
		dnotify_event(dir, DN_CREATE);
		fsnotify_entry(dir, *out, IN_CREATE, name, len, 0);
	}
	return err;
}

int vfs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode, struct inode **out)
{
	int err = creation_check(dir, name, len);

	if (!err)
		err = SLOT_OR_EROFS(dir, mkdir);
	if (!err)
		err = dac_may_create(dir, name, len);

	if (!err)
		err = SVC_CALL(dir->sb, SVC_OP_MKDIR, dir->ops.dir,
			       adopted(dir, dir->ops.dir->mkdir(dir, name, len, mode, out), out));
	if (!err) {
		dnotify_event(dir, DN_CREATE);
		fsnotify_entry(dir, *out, IN_CREATE, name, len, 0);
	}
	return err;
}

int vfs_mknod(struct inode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
	      struct inode **out)
{
	int err = mutation_check(dir, name, len);

	if (!err && !dir->ops.dir->mknod)
		err = -EPERM;
	if (!err)
		err = dac_may_create(dir, name, len);
	if (!err)
		err = SVC_CALL(
			dir->sb, SVC_OP_MKNOD, dir->ops.dir,
			adopted(dir, dir->ops.dir->mknod(dir, name, len, mode, rdev, out), out));
	if (!err) {
		dnotify_event(dir, DN_CREATE);
		fsnotify_entry(dir, *out, IN_CREATE, name, len, 0);
	}
	return err;
}

int vfs_symlink(struct inode *dir, const char *name, size_t len, const char *target, size_t tlen,
		struct inode **out)
{
	int err = creation_check(dir, name, len);

	if (!err)
		err = SLOT_OR_EROFS(dir, symlink);
	if (!err)
		err = dac_may_create(dir, name, len);

	if (!err && !tlen)
		err = -ENOENT;
	if (!err)
		err = SVC_CALL(dir->sb, SVC_OP_SYMLINK, dir->ops.dir,
			       adopted(dir,
				       dir->ops.dir->symlink(dir, name, len, target, tlen, out),
				       out));
	if (!err) {
		dnotify_event(dir, DN_CREATE);
		fsnotify_entry(dir, *out, IN_CREATE, name, len, 0);
	}
	return err;
}

int vfs_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	int err = creation_check(dir, name, len);

	if (!err)
		err = SLOT_OR_EROFS(dir, link);
	if (!err)
		err = dac_may_create(dir, name, len);

	if (!err && target->kind == INODE_DIR)
		err = -EPERM;
	if (!err && target->sb != dir->sb)
		err = -EXDEV;
	if (!err)
		err = SVC_CALL(dir->sb, SVC_OP_LINK, dir->ops.dir,
			       dir->ops.dir->link(dir, name, len, target));
	if (!err) {
		dnotify_event(dir, DN_CREATE);
		fsnotify_inode(target, IN_ATTRIB);
		fsnotify_entry(dir, target, IN_CREATE, name, len, 0);
	}
	return err;
}

int vfs_tmpfile(struct inode *dir, uint32_t mode, bool linkable, struct inode **out)
{
	int err;

	if (dir->kind != INODE_DIR)
		return -ENOTDIR;
	if (dir->sb && dir->sb->read_only)
		return -EROFS; /* Linux asks for write access to the mount first */
	err = dac_may_tmpfile(dir);
	if (err)
		return err;
	if (!dir->ops.dir->tmpfile)
		return -EOPNOTSUPP;
	return SVC_CALL(dir->sb, SVC_OP_TMPFILE, dir->ops.dir,
			adopted(dir, dir->ops.dir->tmpfile(dir, mode, linkable, out), out));
}

/* While anything is watched, the inode `name` names in `dir` (a new
 * reference, or NULL), for the events that follow its removal. */
static int watched_child(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	*out = NULL;
	if (fsnotify_active() && vfs_lookup(dir, name, len, out))
		*out = NULL; /* the op itself reports what is wrong */
	return 0;
}

/* inotify's view of a rename: IN_MOVED_FROM and IN_MOVED_TO with one
 * cookie, IN_MOVE_SELF, and the end of a replaced file. */
static void notify_moved(struct inode *olddir, const char *oldname, size_t oldlen,
			 struct inode *newdir, const char *newname, size_t newlen,
			 struct inode *moved, struct inode *replaced)
{
	uint32_t cookie = fsnotify_cookie();

	fsnotify_entry(olddir, moved, IN_MOVED_FROM, oldname, oldlen, cookie);
	fsnotify_entry(newdir, moved, IN_MOVED_TO, newname, newlen, cookie);
	if (replaced)
		fsnotify_inode(replaced, IN_ATTRIB);
	fsnotify_inode(moved, IN_MOVE_SELF);
	if (replaced)
		fsnotify_gone(replaced);
}

int vfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct inode *child = NULL;
	int err = mutation_check(dir, name, len);

	if (!err)
		err = SLOT_OR_EROFS(dir, unlink);
	if (!err)
		err = dac_may_delete(dir, name, len);

	if (!err)
		err = watched_child(dir, name, len, &child);
	if (!err)
		err = SVC_CALL(dir->sb, SVC_OP_UNLINK, dir->ops.dir,
			       dir->ops.dir->unlink(dir, name, len));
	if (!err) {
		dnotify_event(dir, DN_DELETE);
		fsnotify_unlinked(child);
		fsnotify_entry(dir, child, IN_DELETE, name, len, 0);
	}
	if (child)
		inode_put(child);
	return err;
}

int vfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct inode *child = NULL;
	int err = mutation_check(dir, name, len);

	if (!err)
		err = SLOT_OR_EROFS(dir, rmdir);
	if (!err)
		err = dac_may_delete(dir, name, len);

	if (!err)
		err = watched_child(dir, name, len, &child);
	if (!err)
		err = SVC_CALL(dir->sb, SVC_OP_RMDIR, dir->ops.dir,
			       dir->ops.dir->rmdir(dir, name, len));
	if (!err) {
		dnotify_event(dir, DN_DELETE);
		fsnotify_unlinked(child);
		fsnotify_entry(dir, child, IN_DELETE, name, len, 0);
	}
	if (child)
		inode_put(child);
	return err;
}

int vfs_rename(struct inode *olddir, const char *oldname, size_t oldlen, struct inode *newdir,
	       const char *newname, size_t newlen)
{
	struct inode *moved = NULL, *replaced = NULL;
	int err = mutation_check(olddir, oldname, oldlen);

	if (!err)
		err = SLOT_OR_EROFS(olddir, rename);

	if (!err)
		err = dir_check(newdir, newname, newlen);
	if (!err && olddir->sb != newdir->sb)
		err = -EXDEV;
	if (!err)
		err = dac_may_rename(olddir, oldname, oldlen, newdir, newname, newlen, false);
	if (!err)
		err = watched_child(olddir, oldname, oldlen, &moved);
	if (!err && moved)
		(void)watched_child(newdir, newname, newlen, &replaced);
	if (!err)
		err = SVC_CALL(
			olddir->sb, SVC_OP_RENAME, olddir->ops.dir,
			olddir->ops.dir->rename(olddir, oldname, oldlen, newdir, newname, newlen));
	if (!err) {
		dnotify_event(olddir, DN_RENAME);
		if (newdir != olddir)
			dnotify_event(newdir, DN_RENAME);
		if (moved && moved != replaced)
			notify_moved(olddir, oldname, oldlen, newdir, newname, newlen, moved,
				     replaced);
	}
	if (moved)
		inode_put(moved);
	if (replaced)
		inode_put(replaced);
	return err;
}

int vfs_exchange(struct inode *olddir, const char *oldname, size_t oldlen, struct inode *newdir,
		 const char *newname, size_t newlen)
{
	struct inode *a = NULL, *b = NULL;
	int err = mutation_check(olddir, oldname, oldlen);

	if (!err)
		err = SLOT_OR_EROFS(olddir, rename);
	if (!err && !olddir->ops.dir->exchange)
		err = -EINVAL; /* as Linux for a filesystem without RENAME_EXCHANGE */
	if (!err)
		err = dir_check(newdir, newname, newlen);
	if (!err && olddir->sb != newdir->sb)
		err = -EXDEV;
	if (!err)
		err = dac_may_rename(olddir, oldname, oldlen, newdir, newname, newlen, true);
	if (!err)
		err = watched_child(olddir, oldname, oldlen, &a);
	if (!err && a)
		(void)watched_child(newdir, newname, newlen, &b);
	if (!err)
		err = SVC_CALL(olddir->sb, SVC_OP_EXCHANGE, olddir->ops.dir,
			       olddir->ops.dir->exchange(olddir, oldname, oldlen, newdir, newname,
							 newlen));
	if (!err && a && b && a != b) { /* as Linux: two moves, each with its cookie */
		notify_moved(olddir, oldname, oldlen, newdir, newname, newlen, a, NULL);
		notify_moved(newdir, newname, newlen, olddir, oldname, oldlen, b, NULL);
	}
	if (a)
		inode_put(a);
	if (b)
		inode_put(b);
	return err;
}

int vfs_rename_whiteout(struct inode *olddir, const char *oldname, size_t oldlen,
			struct inode *newdir, const char *newname, size_t newlen)
{
	struct inode *src, *dst, *wh;
	bool same = false;
	int err = mutation_check(olddir, oldname, oldlen);

	if (!err)
		err = SLOT_OR_EROFS(olddir, rename);
	if (!err && !olddir->ops.dir->mknod)
		err = -EINVAL; /* as Linux where the filesystem makes no whiteouts */
	if (err)
		return err;
	/* a rename between two links of one inode does nothing, whiteout
	 * included (Linux's vfs_rename returns before the filesystem) */
	if (!vfs_lookup(olddir, oldname, oldlen, &src)) {
		if (!vfs_lookup(newdir, newname, newlen, &dst)) {
			same = src == dst;
			inode_put(dst);
		}
		inode_put(src);
	}
	err = vfs_rename(olddir, oldname, oldlen, newdir, newname, newlen);
	if (err || same)
		return err;
	err = SVC_CALL(olddir->sb, SVC_OP_MKNOD, olddir->ops.dir,
		       adopted(olddir,
			       olddir->ops.dir->mknod(olddir, oldname, oldlen, S_IFCHR, 0, &wh),
			       &wh));
	if (!err)
		inode_put(wh);
	return err;
}

int vfs_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	if (dir->kind != INODE_DIR)
		return -ENOTDIR;
	if (failed(dir))
		return -EIO;
	if (!dir->ops.dir->readdir)
		return 0; /* an empty listing */
	return SVC_CALL(dir->sb, SVC_OP_READDIR, dir->ops.dir,
			dir->ops.dir->readdir(dir, pos, emit, ctx));
}

int vfs_jump(struct inode *i, struct path_component **out)
{
	if (i->kind != INODE_SYMLINK || !i->ops.symlink->jump)
		return 1;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_JUMP, i->ops.symlink, i->ops.symlink->jump(i, out));
}

ssize_t vfs_readlink(struct inode *i, char *buf, size_t size)
{
	if (i->kind != INODE_SYMLINK)
		return -EINVAL;
	if (failed(i))
		return -EIO;
	if (!i->ops.symlink->readlink)
		return -EINVAL;
	return SVC_CALL(i->sb, SVC_OP_READLINK, i->ops.symlink,
			i->ops.symlink->readlink(i, buf, size));
}

/* ---- inode flags (chattr, lsattr) ---- */

static const struct vfs_sb_ops *flags_ops(const struct inode *i)
{
	return i->sb && i->sb->ops ? i->sb->ops : NULL;
}

int vfs_getflags(struct inode *i, uint32_t *flags)
{
	const struct vfs_sb_ops *ops = flags_ops(i);

	if (!ops || !ops->getflags)
		return -ENOTTY;
	if (failed(i))
		return -EIO;
	return SVC_CALL(i->sb, SVC_OP_IOCTL, ops, ops->getflags(i, flags));
}

int vfs_setflags(struct inode *i, uint32_t flags)
{
	const struct vfs_sb_ops *ops = flags_ops(i);
	struct vfs_stat st;
	uint32_t old;
	int err;

	if (!ops || !ops->setflags || !ops->getflags)
		return -ENOTTY;
	if (failed(i))
		return -EIO;
	if (i->sb->read_only)
		return -EROFS;
	err = vfs_stat(i, &st);
	if (err)
		return err;
	if (!stat_owner_or_capable(&st))
		return -EPERM;
	err = vfs_getflags(i, &old);
	if (err)
		return err;
	if (((old ^ flags) & (FS_IMMUTABLE_FL | FS_APPEND_FL)) && !capable(CAP_LINUX_IMMUTABLE))
		return -EPERM;
	return SVC_CALL(i->sb, SVC_OP_IOCTL, ops, ops->setflags(i, flags));
}

/* ---- extended attributes ---- */

/* The instance's ops when it keeps extended attributes at all. */
static const struct vfs_sb_ops *xattr_ops(const struct inode *i)
{
	return i->sb ? i->sb->ops : NULL;
}

/* set and remove: EIO, EROFS, then the permission rules. */
static int xattr_write_check(struct inode *i, const char *name)
{
	if (failed(i))
		return -EIO;
	if (i->sb && i->sb->read_only)
		return -EROFS;
	return xattr_permission(i, name, true);
}

ssize_t vfs_getxattr(struct inode *i, const char *name, struct iobuf *b)
{
	const struct vfs_sb_ops *ops = xattr_ops(i);
	int err = failed(i) ? -EIO : xattr_permission(i, name, false);

	if (err)
		return err;
	if (!ops || !ops->getxattr)
		return -EOPNOTSUPP;
	return SVC_CALL(i->sb, SVC_OP_GETXATTR, xattr_ops(i), xattr_ops(i)->getxattr(i, name, b));
}

int vfs_setxattr(struct inode *i, const char *name, const void *value, size_t size, int flags)
{
	const struct vfs_sb_ops *ops = xattr_ops(i);
	int err = xattr_write_check(i, name);

	if (err)
		return err;
	if (!ops || !ops->setxattr)
		return -EOPNOTSUPP;
	return SVC_CALL(i->sb, SVC_OP_SETXATTR, xattr_ops(i),
			xattr_ops(i)->setxattr(i, name, value, size, flags));
}

ssize_t vfs_listxattr(struct inode *i, struct iobuf *b)
{
	const struct vfs_sb_ops *ops = xattr_ops(i);

	if (failed(i))
		return -EIO;
	if (!ops || !ops->listxattr)
		return 0; /* Linux lists nothing where there are no attributes */
	return SVC_CALL(i->sb, SVC_OP_LISTXATTR, xattr_ops(i), xattr_ops(i)->listxattr(i, b));
}

int vfs_removexattr(struct inode *i, const char *name)
{
	const struct vfs_sb_ops *ops = xattr_ops(i);
	int err = xattr_write_check(i, name);

	if (err)
		return err;
	if (!ops || !ops->removexattr)
		return -EOPNOTSUPP;
	return SVC_CALL(i->sb, SVC_OP_REMOVEXATTR, xattr_ops(i),
			xattr_ops(i)->removexattr(i, name));
}

/* ---- the instance: mount, unmount, evict ---- */

/* The root's reference a mount() left in sb->root is ring 1's, as
 * adopted() above. */
static inline int root_adopted(struct vfs_sb *sb, int err)
{
	if (!err && svc_contained(sb) && sb->root)
		svc_inode_adopt(sb->root);
	return err;
}

int vfs_sb_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	return SVC_CALL(sb, SVC_OP_MOUNT, NULL,
			root_adopted(sb, sb->type->mount(sb, source, data, len)));
}

void vfs_sb_release(struct vfs_sb *sb)
{
	if (sb->ops && sb->ops->release)
		SVC_CALL_VOID(sb, SVC_OP_UMOUNT, sb->ops, sb->ops->release(sb));
}

void vfs_evict(struct inode *i)
{
	if (i->sb && i->sb->ops && i->sb->ops->evict)
		SVC_CALL_VOID(i->sb, SVC_OP_EVICT, i->sb->ops, i->sb->ops->evict(i));
}
