/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Extended attributes: setxattr, getxattr, listxattr, removexattr, each by
 * path (following a final symlink), by path without following (l*), and
 * by descriptor (f*).  The arguments are checked in Linux's order: the
 * flags (EINVAL), the name (1..255 bytes, else ERANGE; EFAULT), the value
 * (over 64 KiB E2BIG; EFAULT), and only then the path or descriptor.  The
 * dispatch wrappers (vfs_*xattr) add the VFS's rules and the filesystem
 * its own.  A get or list buffer is capped at 64 KiB, and a value or list
 * that does not fit even then is E2BIG rather than ERANGE, as on Linux.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/inotify.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/limits.h>
#include <linux/xattr.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/fsnotify.h>
#include <kernel/attr.h>
#include <kernel/cred.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "sys.h"

#define NAME_BUF (XATTR_NAME_MAX + 1)

enum target { BY_PATH, BY_LPATH, BY_FD };

/* Copy the attribute name in: 0, -ERANGE (empty or too long), -EFAULT. */
static long get_name(uint64_t uname, char *name)
{
	long n = strncpy_from_user(name, uptr(uname), NAME_BUF);

	if (n == 0 || n == -ENAMETOOLONG)
		return -ERANGE;
	return n < 0 ? n : 0;
}

/* The inode a path or descriptor (arg 0) names: a new reference; with
 * `where`, also its path (or NULL) for inotify's IN_ATTRIB. */
static long get_target_at(const struct syscall_args *a, enum target how, struct inode **out,
			  struct path_component **where)
{
	struct path_component *pc;
	struct file *f;
	long err;

	if (where)
		*where = NULL;
	if (how != BY_FD) {
		err = resolve_at(AT_FDCWD, a->arg[0], how == BY_PATH ? RESOLVE_FOLLOW : 0, false,
				 &pc);
		if (err)
			return err;
		inode_get(pc->inode);
		*out = pc->inode;
		if (where)
			*where = pc;
		else
			path_put(pc);
		return 0;
	}
	f = get_file((int)a->arg[0]);
	if (!f)
		return -EBADF;
	err = (f->flags & O_PATH) ? -EBADF : 0;
	if (!err) {
		*out = file_node(f); /* a FIFO's node, not its pipe */
		inode_get(*out);
		if (where && f->path && f->path->inode == *out)
			*where = path_get(f->path);
	}
	file_put(f);
	return err;
}

static long get_target(const struct syscall_args *a, enum target how, struct inode **out)
{
	return get_target_at(a, how, out, NULL);
}

/* An extended attribute changed: IN_ATTRIB, as Linux's fsnotify_xattr. */
static void notify_attrib(struct inode *ino, struct path_component *where)
{
	if (where) {
		fsnotify_path(where, IN_ATTRIB);
		path_put(where);
	} else {
		fsnotify_inode(ino, IN_ATTRIB);
	}
}

/* (target, name, value, size, flags) */
static long do_setxattr(const struct syscall_args *a, enum target how)
{
	char name[NAME_BUF];
	size_t size = a->arg[3];
	int flags = (int)a->arg[4];
	struct path_component *where;
	struct inode *ino;
	void *value = NULL;
	long err;

	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = get_name(a->arg[1], name);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	if (size) {
		value = kmalloc(size);
		if (!value)
			return -ENOMEM;
		if (copy_from_user(value, uptr(a->arg[2]), size)) {
			err = -EFAULT;
			goto out_free;
		}
	}
	err = get_target_at(a, how, &ino, &where);
	if (err)
		goto out_free;
	err = vfs_setxattr(ino, name, value ? value : "", size, flags);
	if (!err)
		notify_attrib(ino, where);
	else if (where)
		path_put(where);
	inode_put(ino);
out_free:
	kfree(value);
	return err;
}

/* (target, name, value, size) */
static long do_getxattr(const struct syscall_args *a, enum target how)
{
	char name[NAME_BUF];
	struct iobuf buf = {.user = true,
			    .ubuf = uptr(a->arg[2]),
			    .len = MIN(a->arg[3], (uint64_t)XATTR_SIZE_MAX)};
	struct inode *ino;
	long err = get_name(a->arg[1], name);

	if (err)
		return err;
	err = get_target(a, how, &ino);
	if (err)
		return err;
	err = vfs_getxattr(ino, name, &buf);
	inode_put(ino);
	if (err == -ERANGE && buf.len == XATTR_SIZE_MAX)
		err = -E2BIG;
	return err;
}

/* The list without the names the caller may not see (trusted.* without
 * CAP_SYS_ADMIN), as the filesystem would give it: into `buf`, or only
 * its length when buf->len is 0; -ERANGE when it does not fit. */
static long list_visible(struct inode *ino, struct iobuf *buf)
{
	struct iobuf kb = {.user = false, .len = XATTR_LIST_MAX};
	char *list = kmalloc(XATTR_LIST_MAX);
	long n, len = 0;

	if (!list)
		return -ENOMEM;
	kb.kbuf = list;
	n = vfs_listxattr(ino, &kb);
	for (long at = 0; at < n;) {
		size_t one = strnlen(list + at, (size_t)(n - at)) + 1;

		if (xattr_listable(list + at)) {
			memmove(list + len, list + at, one);
			len += (long)one;
		}
		at += (long)one;
	}
	if (n >= 0 && buf->len && (size_t)len > buf->len)
		n = -ERANGE;
	else if (n >= 0 && buf->len)
		n = vfs_iobuf_put(buf, 0, list, (size_t)len) ? -EFAULT : len;
	else if (n >= 0)
		n = len;
	kfree(list);
	return n;
}

/* (target, list, size) */
static long do_listxattr(const struct syscall_args *a, enum target how)
{
	struct iobuf buf = {.user = true,
			    .ubuf = uptr(a->arg[1]),
			    .len = MIN(a->arg[2], (uint64_t)XATTR_LIST_MAX)};
	struct inode *ino;
	long err = get_target(a, how, &ino);

	if (err)
		return err;
	err = capable(CAP_SYS_ADMIN) ? vfs_listxattr(ino, &buf) : list_visible(ino, &buf);
	inode_put(ino);
	if (err == -ERANGE && buf.len == XATTR_LIST_MAX)
		err = -E2BIG;
	return err;
}

/* (target, name) */
static long do_removexattr(const struct syscall_args *a, enum target how)
{
	char name[NAME_BUF];
	struct path_component *where;
	struct inode *ino;
	long err = get_name(a->arg[1], name);

	if (err)
		return err;
	err = get_target_at(a, how, &ino, &where);
	if (err)
		return err;
	err = vfs_removexattr(ino, name);
	if (!err)
		notify_attrib(ino, where);
	else if (where)
		path_put(where);
	inode_put(ino);
	return err;
}

long sys_setxattr(const struct syscall_args *a)
{
	return do_setxattr(a, BY_PATH);
}

long sys_lsetxattr(const struct syscall_args *a)
{
	return do_setxattr(a, BY_LPATH);
}

long sys_fsetxattr(const struct syscall_args *a)
{
	return do_setxattr(a, BY_FD);
}

long sys_getxattr(const struct syscall_args *a)
{
	return do_getxattr(a, BY_PATH);
}

long sys_lgetxattr(const struct syscall_args *a)
{
	return do_getxattr(a, BY_LPATH);
}

long sys_fgetxattr(const struct syscall_args *a)
{
	return do_getxattr(a, BY_FD);
}

long sys_listxattr(const struct syscall_args *a)
{
	return do_listxattr(a, BY_PATH);
}

long sys_llistxattr(const struct syscall_args *a)
{
	return do_listxattr(a, BY_LPATH);
}

long sys_flistxattr(const struct syscall_args *a)
{
	return do_listxattr(a, BY_FD);
}

long sys_removexattr(const struct syscall_args *a)
{
	return do_removexattr(a, BY_PATH);
}

long sys_lremovexattr(const struct syscall_args *a)
{
	return do_removexattr(a, BY_LPATH);
}

long sys_fremovexattr(const struct syscall_args *a)
{
	return do_removexattr(a, BY_FD);
}
