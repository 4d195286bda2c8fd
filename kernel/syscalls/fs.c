/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Path system calls: open and creat, the stat family, access, getdents64,
 * readlink, the working directory, the directory mutations (mkdir, rmdir,
 * unlink, rename, link, symlink), attributes (chmod, chown, truncate,
 * utimensat), ioctl and sync (mount(2) is in mount.c).  Each "*at" call resolves relative
 * paths from a directory descriptor or the working directory, as Linux.
 * Permission checks are kernel/dac.h's (the walk and the directory
 * mutations check themselves; open, access and chdir ask here).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/inotify.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mount.h>
#include <linux/stat.h>
#include <linux/time_types.h>
#include <asm/ioctls.h>
#pragma push_macro("__unused") /* a field name in asm/stat.h, a macro here */
#undef __unused
#include <asm/stat.h>
#pragma pop_macro("__unused")
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <linux/capability.h>
#include <kernel/blkdev.h>
#include <kernel/fsnotify.h>
#include <kernel/attr.h>
#include <kernel/cred.h>
#include <kernel/dac.h>
#include <kernel/path.h>
#include <kernel/perm.h>
#include <kernel/rlimit.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <kernel/pagecache.h>
#include <kernel/pipe.h>
#include <kernel/socket.h>
#include "sys.h"

/* Values Linux defines outside its UAPI headers (libc's unistd.h,
 * sys/stat.h and sys/mount.h carry them). */
#define R_OK	   4
#define W_OK	   2
#define X_OK	   1
#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

/* A path argument copied in: -EFAULT, -ENAMETOOLONG, or -ENOENT if empty
 * (unless `empty_ok`).  kfree the result. */
static long get_path(uint64_t uaddr, char **out, bool empty_ok)
{
	char *buf = kmalloc(PATH_MAX);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, uptr(uaddr), PATH_MAX);
	if (n == 0 && !empty_ok)
		n = -ENOENT;
	if (n < 0) {
		kfree(buf);
		return n;
	}
	*out = buf;
	return 0;
}

/* Where a path resolves from: the root, and the base for relative paths
 * (the directory `dirfd` names, or the working directory). */
struct at {
	struct path_component *root, *base;
};

static int at_begin(int dirfd, const char *path, struct at *at)
{
	struct file *f;

	process_fs_get(&at->root, &at->base);
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	path_put(at->base);
	at->base = NULL;
	f = get_file(dirfd);
	if (!f) {
		path_put(at->root);
		return -EBADF;
	}
	if (!f->path || f->path->inode->kind != INODE_DIR) {
		file_put(f);
		path_put(at->root);
		return -ENOTDIR;
	}
	at->base = path_get(f->path);
	file_put(f);
	return 0;
}

static void at_end(struct at *at)
{
	path_put(at->root);
	path_put(at->base);
}

/* What AT_EMPTY_PATH names: the file `dirfd` (any open file; one opened
 * by no path, a pipe or the console, stands alone), or the working
 * directory for AT_FDCWD.  A new reference, or -EBADF/-ENOMEM. */
static long empty_at(int dirfd, struct path_component **out)
{
	struct path_component *root;
	struct file *f;

	if (dirfd == AT_FDCWD) {
		process_fs_get(&root, out);
		path_put(root);
		return 0;
	}
	f = get_file(dirfd);
	if (!f)
		return -EBADF;
	*out = file_path_get(f);
	file_put(f);
	return *out ? 0 : -ENOMEM;
}

long resolve_at(int dirfd, uint64_t upath, unsigned rflags, bool empty_ok,
		struct path_component **out)
{
	struct at at;
	char *path;
	long err = get_path(upath, &path, empty_ok);

	if (err)
		return err;
	if (!path[0]) { /* AT_EMPTY_PATH: dirfd itself */
		kfree(path);
		return empty_at(dirfd, out);
	}
	err = at_begin(dirfd, path, &at);
	if (!err) {
		err = vfs_resolve(at.root, at.base, path, rflags, out);
		at_end(&at);
	}
	kfree(path);
	return err;
}

long parent_at(int dirfd, uint64_t upath, struct parent *pr)
{
	struct at at;
	size_t plen;
	long err = get_path(upath, &pr->path, false);

	if (err)
		return err;
	plen = strlen(pr->path);
	pr->trailing_slash = plen > 1 && pr->path[plen - 1] == '/';
	err = at_begin(dirfd, pr->path, &at);
	if (!err) {
		err = vfs_resolve_parent(at.root, at.base, pr->path, &pr->dir, &pr->name, &pr->len);
		at_end(&at);
	}
	if (err)
		kfree(pr->path);
	return err;
}

void parent_end(struct parent *pr)
{
	path_put(pr->dir);
	kfree(pr->path);
}

/* The names "." and ".." as a final component. */
bool is_dots(const struct parent *pr)
{
	return (pr->len == 1 && pr->name[0] == '.') ||
	       (pr->len == 2 && pr->name[0] == '.' && pr->name[1] == '.');
}

unsigned current_umask(void)
{
	return process_fs_umask();
}

/* ---- open ---- */

#define OPEN_VALID                                                                             \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | \
	 FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC |  \
	 O_SYNC | O_PATH | __O_TMPFILE)

/* O_CREAT naming a dangling symlink creates its target, as Linux does:
 * follow the chain from `dir` (at most PATH_MAX_SYMLINKS links) and create
 * the regular file where it ends.  0 also when the target exists. */
static long create_through_symlink(struct path_component *dir, struct inode *link, unsigned mode,
				   bool *created)
{
	struct path_component *root, *cwd, *base = path_get(dir), *parent = NULL;
	char *target = kmalloc(PATH_MAX);
	struct inode *cur = link, *next = NULL;
	long err = target ? 0 : -ENOMEM;

	process_fs_get(&root, &cwd);
	path_put(cwd);
	inode_get(cur);
	for (int hops = 0; !err; hops++) {
		const char *name;
		size_t len;
		ssize_t n;

		if (hops == PATH_MAX_SYMLINKS) {
			err = -ELOOP;
			break;
		}
		err = vfs_jump(cur, &parent); /* a magic link: its file exists */
		if (err <= 0)
			break;
		err = 0;
		n = vfs_readlink(cur, target, PATH_MAX - 1);
		if (n < 0) {
			err = n;
			break;
		}
		target[MIN((size_t)n, PATH_MAX - 1)] = '\0';
		err = vfs_resolve_parent(root, base, target, &parent, &name, &len);
		if (err)
			break;
		if (!len) {
			err = -EISDIR;
			break;
		}
		err = vfs_lookup(parent->inode, name, len, &next);
		if (err == -ENOENT) {
			err = vfs_create(parent->inode, name, len,
					 S_IFREG | (mode & 07777 & ~current_umask()), &next);
			if (!err) {
				inode_put(next);
				*created = true;
			}
			break;
		}
		if (err || next->kind != INODE_SYMLINK) {
			if (!err)
				inode_put(next);
			break;
		}
		inode_put(cur);
		cur = next;
		path_put(base);
		base = parent;
		parent = NULL;
	}
	if (parent)
		path_put(parent);
	inode_put(cur);
	path_put(base);
	path_put(root);
	kfree(target);
	return err;
}

/* O_TMPFILE: an unnamed regular file in the directory `upath` names,
 * opened for writing; its path shows as "<dir>/#<ino>" (deleted), as on
 * Linux.  O_EXCL: link(2) may never name it. */
static long open_tmpfile(int dirfd, uint64_t upath, unsigned flags, unsigned mode)
{
	struct path_component *pc = NULL, *named;
	struct inode *ino;
	struct vfs_stat st;
	struct file *f;
	char name[24];
	long err;
	int fd, len;

	if ((flags & (__O_TMPFILE | O_DIRECTORY | O_CREAT)) != O_TMPFILE)
		return -EINVAL;
	if ((flags & O_ACCMODE) != O_WRONLY && (flags & O_ACCMODE) != O_RDWR)
		return -EINVAL;
	err = resolve_at(dirfd, upath, (flags & O_NOFOLLOW) ? 0 : RESOLVE_FOLLOW, false, &pc);
	if (err)
		return err;
	err = vfs_tmpfile(pc->inode, mode & 07777 & ~current_umask(), !(flags & O_EXCL), &ino);
	if (err)
		goto out;
	err = vfs_stat(ino, &st);
	len = snprintf(name, sizeof(name), "#%llu", (unsigned long long)st.ino);
	named = err ? NULL : vfs_child_path(pc, name, (size_t)len, ino);
	inode_put(ino); /* the component holds it now */
	if (!named) {
		err = err ? err : -ENOMEM;
		goto out;
	}
	flags &= ~(__O_TMPFILE | O_DIRECTORY);
	f = file_new(ino, (flags & ~(O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE);
	if (!f) {
		path_put(named);
		err = -ENOMEM;
		goto out;
	}
	inode_get(ino); /* the file's own reference */
	f->path = named;
	fd = fdtable_install(fdt(), f, 0, flags & O_CLOEXEC);
	file_put(f);
	err = fd;
out:
	path_put(pc);
	return err;
}

/* The file `upath` names, opened (created, truncated) per `flags`, in *out. */
static long open_file(int dirfd, uint64_t upath, unsigned flags, unsigned mode, struct file **out)
{
	struct path_component *pc = NULL;
	struct inode *opened;
	struct vfs_stat st;
	struct file *f;
	bool created = false, truncated = false;
	long err;

	if (flags & O_CREAT) {
		struct parent pr;
		struct inode *ino = NULL;

		err = parent_at(dirfd, upath, &pr);
		if (err)
			return err;
		if (!pr.len || pr.trailing_slash || is_dots(&pr)) {
			parent_end(&pr);
			return -EISDIR;
		}
		err = vfs_lookup(pr.dir->inode, pr.name, pr.len, &ino);
		if (err == -ENOENT) {
			err = vfs_create(pr.dir->inode, pr.name, pr.len,
					 S_IFREG | (mode & 07777 & ~current_umask()), &ino);
			if (!err) {
				inode_put(ino);
				created = true; /* new and empty: no check, no truncation */
				flags &= ~O_TRUNC;
			} else if (err == -EEXIST && !(flags & O_EXCL)) {
				err = 0; /* lost a race with another creator */
			}
		} else if (!err) {
			bool symlink = ino->kind == INODE_SYMLINK;

			if (flags & O_EXCL)
				err = -EEXIST;
			else if (symlink && (flags & O_NOFOLLOW))
				err = -ELOOP;
			else if (symlink)
				err = create_through_symlink(pr.dir, ino, mode, &created);
			inode_put(ino);
		}
		parent_end(&pr);
		if (err)
			return err;
	}
	err = resolve_at(dirfd, upath, (flags & O_NOFOLLOW) ? 0 : RESOLVE_FOLLOW, false, &pc);
	if (err)
		return err;
	if (pc->inode->kind == INODE_SYMLINK && !(flags & O_PATH)) {
		err = -ELOOP; /* O_NOFOLLOW on a symlink */
		goto out;
	}
	if ((flags & O_DIRECTORY) && pc->inode->kind != INODE_DIR) {
		err = -ENOTDIR;
		goto out;
	}
	if (pc->inode->kind == INODE_DIR && !(flags & O_PATH) &&
	    ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))) {
		err = -EISDIR;
		goto out;
	}
	/* writing or truncating a regular file: EROFS before permission */
	if (!(flags & O_PATH) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)) &&
	    pc->inode->sb && pc->inode->sb->read_only && vfs_stat(pc->inode, &st) == 0 &&
	    S_ISREG(st.mode)) {
		err = -EROFS;
		goto out;
	}
	/* root (CAP_DAC_OVERRIDE) reads and writes anything: no stat */
	if (!(flags & O_PATH) && !created && (!capable(CAP_DAC_OVERRIDE) || (flags & O_NOATIME))) {
		err = vfs_stat(pc->inode, &st);
		if (!err)
			err = dac_may_open(&st, flags);
		if (err == -EACCES && procfs_permits(pc->inode))
			err = 0;
		if (err)
			goto out;
	}
	if ((flags & O_TRUNC) && !(flags & O_PATH) && (flags & O_ACCMODE) != O_RDONLY &&
	    pc->inode->kind == INODE_FILE && vfs_stat(pc->inode, &st) == 0 && S_ISREG(st.mode)) {
		err = vfs_truncate(pc->inode, 0);
		if (err)
			goto out;
		vm_file_truncated(pc->inode, 0);
		truncated = true; /* IN_MODIFY follows IN_OPEN, as Linux */
	}
	if (flags & O_PATH) {
		inode_get(pc->inode);
		opened = pc->inode;
	} else {
		err = vfs_open_inode(pc->inode, flags, &opened); /* a FIFO's pipe, a device */
		if (err)
			goto out;
		/* as Linux's do_dentry_open: after the open, a file without
		 * direct I/O refuses O_DIRECT (a file O_CREAT made stays) */
		if ((flags & O_DIRECT) && !vfs_direct_io(opened)) {
			vfs_release(opened, flags);
			inode_put(opened);
			err = -EINVAL;
			goto out;
		}
	}
	/* 64-bit kernels open everything O_LARGEFILE (F_GETFL shows it); an
	 * O_PATH file keeps only O_PATH, O_DIRECTORY and O_NOFOLLOW */
	f = file_new(opened,
		     (flags & O_PATH)
			     ? flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW)
			     : (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) |
				       O_LARGEFILE);
	if (!f) {
		if (!(flags & O_PATH))
			vfs_release(opened, flags); /* a FIFO's end closes again */
		inode_put(opened);
		err = -ENOMEM;
		goto out;
	}
	f->path = path_is_anon(pc) ? NULL : path_get(pc); /* a pipe reopened keeps no path */
	if (!(flags & O_PATH))
		fsnotify_file(f, IN_OPEN);
	if (truncated)
		fsnotify_file(f, IN_MODIFY);
	*out = f;
	err = 0;
out:
	path_put(pc);
	return err;
}

/* The fd is taken first, as Linux does: with none free, open is EMFILE
 * before it creates or truncates anything. */
static long do_open(int dirfd, uint64_t upath, unsigned flags, unsigned mode)
{
	struct file *f;
	long err;
	int fd;

	if (flags & __O_TMPFILE)
		return open_tmpfile(dirfd, upath, flags, mode);
	fd = fdtable_reserve(fdt());
	if (fd < 0)
		return fd;
	err = open_file(dirfd, upath, flags, mode, &f);
	if (err) {
		fdtable_unreserve(fdt(), fd);
		return err;
	}
	fdtable_install_reserved(fdt(), fd, f, flags & O_CLOEXEC);
	file_put(f);
	return fd;
}

long sys_open(const struct syscall_args *a)
{
	return do_open(AT_FDCWD, a->arg[0], (unsigned)a->arg[1], (unsigned)a->arg[2]);
}

long sys_openat(const struct syscall_args *a)
{
	return do_open((int)a->arg[0], a->arg[1], (unsigned)a->arg[2], (unsigned)a->arg[3]);
}

long sys_creat(const struct syscall_args *a)
{
	return do_open(AT_FDCWD, a->arg[0], O_CREAT | O_WRONLY | O_TRUNC, (unsigned)a->arg[1]);
}

/* ---- stat ---- */

/* vfs_stat's dev and rdev are already the dev_t user space sees
 * (new_encode_dev form): split one for statx. */
static uint32_t dev_major(uint64_t dev)
{
	return (uint32_t)((dev >> 8) & 0xfff);
}

static uint32_t dev_minor(uint64_t dev)
{
	return (uint32_t)((dev & 0xff) | ((dev >> 12) & ~0xffull));
}

static long stat_inode(struct inode *ino, struct vfs_stat *st)
{
	return vfs_stat(ino, st);
}

static long put_stat(const struct vfs_stat *v, uint64_t uaddr)
{
	/* an initializer, not memset and stores: the compiler zeroes only
	 * the padding and the unused fields, inline */
	struct stat s = {
		.st_dev = v->dev,
		.st_ino = v->ino,
		.st_nlink = v->nlink,
		.st_mode = v->mode,
		.st_uid = v->uid,
		.st_gid = v->gid,
		.st_rdev = v->rdev,
		.st_size = v->size,
		.st_blksize = v->blksize ? v->blksize : 4096,
		.st_blocks = v->blocks,
		.st_atime = v->atime.sec,
		.st_atime_nsec = v->atime.nsec,
		.st_mtime = v->mtime.sec,
		.st_mtime_nsec = v->mtime.nsec,
		.st_ctime = v->ctime.sec,
		.st_ctime_nsec = v->ctime.nsec,
	};

	return copy_to_user(uptr(uaddr), &s, sizeof(s)) ? -EFAULT : 0;
}

/* stat of a user path; *mnt_id (if asked) gets the ID of the mount it is
 * on, 0 for a file on none (a pipe). */
static long stat_at(int dirfd, uint64_t upath, unsigned atflags, struct vfs_stat *st, int *mnt_id)
{
	struct path_component *pc;
	long err;

	if (atflags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | 0x6000))
		return -EINVAL;
	if (!upath && (atflags & AT_EMPTY_PATH)) /* Linux 6.11: a NULL path is "" here */
		err = empty_at(dirfd, &pc);
	else
		err = resolve_at(dirfd, upath, (atflags & AT_SYMLINK_NOFOLLOW) ? 0 : RESOLVE_FOLLOW,
				 atflags & AT_EMPTY_PATH, &pc);
	if (err)
		return err;
	err = stat_inode(pc->inode, st);
	if (mnt_id)
		*mnt_id = pc->mnt ? pc->mnt->id : 0;
	path_put(pc);
	return err;
}

long sys_stat(const struct syscall_args *a)
{
	struct vfs_stat st;
	long err = stat_at(AT_FDCWD, a->arg[0], 0, &st, NULL);

	return err ? err : put_stat(&st, a->arg[1]);
}

long sys_lstat(const struct syscall_args *a)
{
	struct vfs_stat st;
	long err = stat_at(AT_FDCWD, a->arg[0], AT_SYMLINK_NOFOLLOW, &st, NULL);

	return err ? err : put_stat(&st, a->arg[1]);
}

long sys_newfstatat(const struct syscall_args *a)
{
	struct vfs_stat st;
	long err = stat_at((int)a->arg[0], a->arg[1], (unsigned)a->arg[3], &st, NULL);

	return err ? err : put_stat(&st, a->arg[2]);
}

long sys_fstat(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);
	struct vfs_stat st;
	long err;

	if (!f)
		return -EBADF;
	err = stat_inode(file_node(f), &st);
	file_put(f);
	return err ? err : put_stat(&st, a->arg[1]);
}

/* statx(dirfd, path, flags, mask, buf) */
long sys_statx(const struct syscall_args *a)
{
	unsigned atflags = (unsigned)a->arg[2];
	struct vfs_stat v;
	struct statx x;
	int mnt_id = 0;
	long err;

	if ((atflags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (a->arg[3] & STATX__RESERVED)
		return -EINVAL;
	err = stat_at((int)a->arg[0], a->arg[1], atflags & ~AT_STATX_SYNC_TYPE, &v, &mnt_id);
	if (err)
		return err;
	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS | (mnt_id ? STATX_MNT_ID : 0);
	x.stx_mnt_id = (uint64_t)mnt_id;
	x.stx_blksize = v.blksize ? v.blksize : 4096;
	x.stx_nlink = v.nlink;
	x.stx_uid = v.uid;
	x.stx_gid = v.gid;
	x.stx_mode = (uint16_t)v.mode;
	x.stx_ino = v.ino;
	x.stx_size = (uint64_t)v.size;
	x.stx_blocks = v.blocks;
	x.stx_atime.tv_sec = v.atime.sec;
	x.stx_atime.tv_nsec = v.atime.nsec;
	x.stx_ctime.tv_sec = v.ctime.sec;
	x.stx_ctime.tv_nsec = v.ctime.nsec;
	x.stx_mtime.tv_sec = v.mtime.sec;
	x.stx_mtime.tv_nsec = v.mtime.nsec;
	if (v.has_btime) { /* whatever the caller asked for, as Linux */
		x.stx_mask |= STATX_BTIME;
		x.stx_btime.tv_sec = v.btime.sec;
		x.stx_btime.tv_nsec = v.btime.nsec;
	}
	x.stx_rdev_major = dev_major(v.rdev);
	x.stx_rdev_minor = dev_minor(v.rdev);
	x.stx_dev_major = dev_major(v.dev);
	x.stx_dev_minor = dev_minor(v.dev);
	return copy_to_user(uptr(a->arg[4]), &x, sizeof(x)) ? -EFAULT : 0;
}

/* ---- access ---- */

/* access, faccessat, faccessat2: the walk and the check as the real
 * uid and gid unless AT_EACCESS (kernel/dac.h); R_OK, W_OK and X_OK are
 * MAY_READ, MAY_WRITE and MAY_EXEC. */
static long do_access(int dirfd, uint64_t upath, int mode, unsigned atflags)
{
	struct dac_saved_ids ids;
	struct path_component *pc;
	struct vfs_stat st;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (atflags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(atflags & AT_EACCESS) && (err = dac_real_ids_begin(&ids)))
		return err;
	err = resolve_at(dirfd, upath, (atflags & AT_SYMLINK_NOFOLLOW) ? 0 : RESOLVE_FOLLOW,
			 atflags & AT_EMPTY_PATH, &pc);
	if (err)
		goto out;
	err = stat_inode(pc->inode, &st);
	if (!err && (mode & W_OK) && pc->inode->sb && pc->inode->sb->read_only &&
	    (S_ISREG(st.mode) || S_ISDIR(st.mode) || S_ISLNK(st.mode)))
		err = -EROFS;
	if (!err && mode)
		err = stat_permission(&st, mode);
	path_put(pc);
out:
	if (!(atflags & AT_EACCESS))
		dac_real_ids_end(&ids);
	return err;
}

long sys_access(const struct syscall_args *a)
{
	return do_access(AT_FDCWD, a->arg[0], (int)a->arg[1], 0);
}

long sys_faccessat(const struct syscall_args *a)
{
	return do_access((int)a->arg[0], a->arg[1], (int)a->arg[2], 0);
}

long sys_faccessat2(const struct syscall_args *a)
{
	return do_access((int)a->arg[0], a->arg[1], (int)a->arg[2], (unsigned)a->arg[3]);
}

/* ---- getdents64 ---- */

struct dirent_ctx {
	char __user *buf;
	size_t size, used;
	uint64_t *pos;
	uint64_t next; /* the position after the entry being emitted */
	long err;
	bool legacy; /* getdents: struct linux_dirent, d_type in the last byte */
};

/* getdents' record: d_ino, d_off, d_reclen, the name and its NUL, zeros,
 * and d_type as the record's last byte. */
static int emit_old_dirent(struct dirent_ctx *c, const char *name, size_t len, uint64_t ino,
			   unsigned type)
{
	struct {
		uint64_t d_ino;
		int64_t d_off;
		uint16_t d_reclen;
	} __attribute__((packed)) hdr;
	size_t reclen = ALIGN_UP(sizeof(hdr) + len + 2, 8);
	char tail[16] = {0};

	if (c->used + reclen > c->size) {
		if (!c->used)
			c->err = -EINVAL;
		return 1;
	}
	hdr.d_ino = ino;
	hdr.d_off = (int64_t)(*c->pos + 1);
	hdr.d_reclen = (uint16_t)reclen;
	tail[reclen - sizeof(hdr) - len - 1] = (char)type; /* after the NUL and padding */
	if (copy_to_user(c->buf + c->used, &hdr, sizeof(hdr)) ||
	    copy_to_user(c->buf + c->used + sizeof(hdr), name, len) ||
	    copy_to_user(c->buf + c->used + sizeof(hdr) + len, tail, reclen - sizeof(hdr) - len)) {
		c->err = -EFAULT;
		return 1;
	}
	c->used += reclen;
	return 0;
}

static int emit_dirent(void *arg, const char *name, size_t len, uint64_t ino, unsigned type)
{
	struct dirent_ctx *c = arg;
	struct linux_dirent64 {
		uint64_t d_ino;
		int64_t d_off;
		uint16_t d_reclen;
		uint8_t d_type;
	} hdr;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_type) + 1 + len + 1, 8);
	static const char zeros[8];

	if (c->legacy)
		return emit_old_dirent(c, name, len, ino, type);
	if (c->used + reclen > c->size) {
		if (!c->used)
			c->err = -EINVAL; /* not even one entry fits */
		return 1;
	}
	hdr.d_ino = ino;
	hdr.d_off = (int64_t)(*c->pos + 1); /* a cookie: the service's next position is
					     * not known yet; lseek/telldir use f->pos */
	hdr.d_reclen = (uint16_t)reclen;
	hdr.d_type = (uint8_t)type;
	if (copy_to_user(c->buf + c->used, &hdr, 19) ||
	    copy_to_user(c->buf + c->used + 19, name, len) ||
	    copy_to_user(c->buf + c->used + 19 + len, zeros, reclen - 19 - len)) {
		c->err = -EFAULT;
		return 1;
	}
	c->used += reclen;
	return 0;
}

static long do_getdents(int fd, uint64_t ubuf, unsigned size, bool legacy)
{
	struct file *f = get_file(fd);
	struct dirent_ctx c = {.buf = uptr(ubuf), .size = size, .legacy = legacy};
	long err;

	if (!f)
		return -EBADF;
	if (f->flags & O_PATH) {
		file_put(f);
		return -EBADF;
	}
	if (f->inode->kind != INODE_DIR) {
		file_put(f);
		return -ENOTDIR;
	}
	if (!access_ok(c.buf, c.size)) {
		file_put(f);
		return -EFAULT;
	}
	mutex_lock(&f->pos_lock);
	c.pos = &f->pos;
	err = vfs_readdir(f->inode, &f->pos, emit_dirent, &c);
	mutex_unlock(&f->pos_lock);
	if (!err)
		fsnotify_file(f, IN_ACCESS); /* as Linux's iterate_dir, even at the end */
	file_put(f);
	if (c.err)
		return c.used ? (long)c.used : c.err;
	return err ? err : (long)c.used;
}

long sys_getdents64(const struct syscall_args *a)
{
	return do_getdents((int)a->arg[0], a->arg[1], (unsigned)a->arg[2], false);
}

/* getdents: the older record, for programs built before getdents64 */
long sys_getdents(const struct syscall_args *a)
{
	return do_getdents((int)a->arg[0], a->arg[1], (unsigned)a->arg[2], true);
}

/* ---- readlink ---- */

/* Is the user string at uaddr ""?  (A fault counts as not empty: the
 * resolution has reported it already.) */
static bool user_string_empty(uint64_t uaddr)
{
	char c;

	return !copy_from_user(&c, uptr(uaddr), 1) && c == '\0';
}

static long do_readlink(int dirfd, uint64_t upath, uint64_t ubuf, long size)
{
	struct path_component *pc;
	char *buf;
	long n;

	if (size <= 0)
		return -EINVAL;
	n = resolve_at(dirfd, upath, 0, true, &pc);
	if (!n && pc->inode->kind != INODE_SYMLINK && user_string_empty(upath)) {
		path_put(pc); /* "" names dirfd itself only when that is a symlink */
		return -ENOENT;
	}
	if (n)
		return n;
	if (pc->inode->kind != INODE_SYMLINK) {
		path_put(pc);
		return -EINVAL;
	}
	buf = kmalloc(PATH_MAX);
	n = buf ? vfs_readlink(pc->inode, buf, PATH_MAX) : -ENOMEM;
	path_put(pc);
	if (n > 0) {
		n = MIN(n, size);
		n = MIN(n, PATH_MAX);
		if (copy_to_user(uptr(ubuf), buf, (size_t)n))
			n = -EFAULT;
	}
	kfree(buf);
	return n;
}

long sys_readlink(const struct syscall_args *a)
{
	return do_readlink(AT_FDCWD, a->arg[0], a->arg[1], (long)(int)a->arg[2]);
}

long sys_readlinkat(const struct syscall_args *a)
{
	return do_readlink((int)a->arg[0], a->arg[1], a->arg[2], (long)(int)a->arg[3]);
}

/* ---- the working directory ---- */

long sys_getcwd(const struct syscall_args *a)
{
	struct path_component *root, *cwd;
	size_t size = a->arg[1];
	char *buf = kmalloc(PATH_MAX);
	struct vfs_stat st;
	long len;

	if (!buf)
		return -ENOMEM;
	process_fs_get(&root, &cwd);
	if (cwd->inode->kind == INODE_DIR && vfs_stat(cwd->inode, &st) == 0 && !st.nlink)
		len = -ENOENT; /* the working directory was removed */
	else
		len = vfs_path_string(cwd, root, buf, PATH_MAX);
	path_put(root);
	path_put(cwd);
	if (len >= 0 && (size_t)len + 1 > size)
		len = -ERANGE;
	if (len >= 0 && copy_to_user(uptr(a->arg[0]), buf, (size_t)len + 1))
		len = -EFAULT;
	kfree(buf);
	return len < 0 ? len : len + 1;
}

/* chdir, fchdir, chroot: a directory the caller may search. */
static long set_dir(struct path_component *pc, bool root)
{
	long err = pc->inode->kind == INODE_DIR ? dac_may_search(pc->inode) : -ENOTDIR;

	if (err) {
		path_put(pc);
		return err;
	}
	if (root)
		process_fs_set_root(pc);
	else
		process_fs_set_cwd(pc);
	return 0;
}

long sys_chdir(const struct syscall_args *a)
{
	struct path_component *pc;
	long err = resolve_at(AT_FDCWD, a->arg[0], RESOLVE_FOLLOW, false, &pc);

	return err ? err : set_dir(pc, false);
}

long sys_chroot(const struct syscall_args *a)
{
	struct path_component *pc;
	long err = resolve_at(AT_FDCWD, a->arg[0], RESOLVE_FOLLOW, false, &pc);

	if (err)
		return err;
	/* Linux: ENOTDIR, then search permission (EACCES), then the capability */
	err = pc->inode->kind == INODE_DIR ? dac_may_search(pc->inode) : -ENOTDIR;
	if (!err && !capable(CAP_SYS_CHROOT))
		err = -EPERM;
	if (err) {
		path_put(pc);
		return err;
	}
	return set_dir(pc, true);
}

long sys_fchdir(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);
	struct path_component *pc;

	if (!f)
		return -EBADF;
	pc = f->path ? path_get(f->path) : NULL;
	file_put(f);
	return pc ? set_dir(pc, false) : -ENOTDIR;
}

long sys_umask(const struct syscall_args *a)
{
	return process_fs_set_umask((unsigned)a->arg[0] & 0777);
}

/* ---- directory mutations ---- */

static long do_mkdir(int dirfd, uint64_t upath, unsigned mode)
{
	struct parent pr;
	struct inode *ino;
	long err = parent_at(dirfd, upath, &pr);

	if (err)
		return err;
	if (!pr.len || is_dots(&pr))
		err = -EEXIST;
	else
		err = vfs_mkdir(pr.dir->inode, pr.name, pr.len,
				S_IFDIR | (mode & 01777 & ~current_umask()), &ino);
	if (!err)
		inode_put(ino);
	parent_end(&pr);
	return err;
}

long sys_mkdir(const struct syscall_args *a)
{
	return do_mkdir(AT_FDCWD, a->arg[0], (unsigned)a->arg[1]);
}

long sys_mkdirat(const struct syscall_args *a)
{
	return do_mkdir((int)a->arg[0], a->arg[1], (unsigned)a->arg[2]);
}

static long do_rmdir(int dirfd, uint64_t upath)
{
	struct parent pr;
	long err = parent_at(dirfd, upath, &pr);

	if (err)
		return err;
	if (!pr.len)
		err = -EBUSY;
	else if (pr.len == 1 && pr.name[0] == '.')
		err = -EINVAL;
	else if (is_dots(&pr))
		err = -ENOTEMPTY;
	else
		err = vfs_rmdir(pr.dir->inode, pr.name, pr.len);
	parent_end(&pr);
	return err;
}

long sys_rmdir(const struct syscall_args *a)
{
	return do_rmdir(AT_FDCWD, a->arg[0]);
}

static long do_unlink(int dirfd, uint64_t upath)
{
	struct parent pr;
	struct inode *ino;
	long err = parent_at(dirfd, upath, &pr);

	if (err)
		return err;
	if (!pr.len || is_dots(&pr)) {
		err = -EISDIR;
	} else if (pr.trailing_slash) {
		err = vfs_lookup(pr.dir->inode, pr.name, pr.len, &ino);
		if (!err) {
			err = ino->kind == INODE_DIR ? -EISDIR : -ENOTDIR;
			inode_put(ino);
		}
	} else {
		err = vfs_unlink(pr.dir->inode, pr.name, pr.len);
	}
	parent_end(&pr);
	return err;
}

long sys_unlink(const struct syscall_args *a)
{
	return do_unlink(AT_FDCWD, a->arg[0]);
}

long sys_unlinkat(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[2];

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return flags & AT_REMOVEDIR ? do_rmdir((int)a->arg[0], a->arg[1])
				    : do_unlink((int)a->arg[0], a->arg[1]);
}

/* The final name of `pr` exists and is a directory: 0, else -ENOTDIR
 * (or the lookup's error). */
static long must_be_dir(const struct parent *pr)
{
	struct inode *ino;
	long err = vfs_lookup(pr->dir->inode, pr->name, pr->len, &ino);

	if (err)
		return err;
	err = ino->kind == INODE_DIR ? 0 : -ENOTDIR;
	inode_put(ino);
	return err;
}

static bool same_instance(const struct path_component *x, const struct path_component *y)
{
	return x->inode->sb == y->inode->sb && x->mnt == y->mnt;
}

static long do_rename(int olddir, uint64_t oldpath, int newdir, uint64_t newpath, unsigned flags)
{
	struct parent from, to;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	err = parent_at(olddir, oldpath, &from);
	if (err)
		return err;
	err = parent_at(newdir, newpath, &to);
	if (err) {
		parent_end(&from);
		return err;
	}
	if (!from.len || !to.len || is_dots(&from) || is_dots(&to)) {
		err = -EBUSY;
	} else if (flags & RENAME_EXCHANGE) {
		err = same_instance(from.dir, to.dir) ? rename_exchange(&from, &to) : -EXDEV;
	} else if ((from.trailing_slash || to.trailing_slash) && (err = must_be_dir(&from)) != 0) {
		/* a trailing slash: the source must be a directory */
	} else if (!same_instance(from.dir, to.dir)) {
		err = -EXDEV;
	} else {
		struct inode *existing;

		if (flags & RENAME_NOREPLACE &&
		    !vfs_lookup(to.dir->inode, to.name, to.len, &existing)) {
			inode_put(existing);
			err = -EEXIST;
		} else if ((err = rename_busy(&from, &to)) == 0) {
			err = flags & RENAME_WHITEOUT
				      ? vfs_rename_whiteout(from.dir->inode, from.name, from.len,
							    to.dir->inode, to.name, to.len)
				      : vfs_rename(from.dir->inode, from.name, from.len,
						   to.dir->inode, to.name, to.len);
		}
	}
	parent_end(&to);
	parent_end(&from);
	return err;
}

long sys_rename(const struct syscall_args *a)
{
	return do_rename(AT_FDCWD, a->arg[0], AT_FDCWD, a->arg[1], 0);
}

long sys_renameat(const struct syscall_args *a)
{
	return do_rename((int)a->arg[0], a->arg[1], (int)a->arg[2], a->arg[3], 0);
}

long sys_renameat2(const struct syscall_args *a)
{
	return do_rename((int)a->arg[0], a->arg[1], (int)a->arg[2], a->arg[3], (unsigned)a->arg[4]);
}

/* link(2) once the names are checked: protected_hardlinks (-EPERM, after
 * -EEXIST for a name taken, as Linux), then the link. */
static long link_checked(const struct parent *to, struct inode *target)
{
	struct inode *exists;
	long err = dac_may_link(target);

	if (err == -EPERM && !vfs_lookup(to->dir->inode, to->name, to->len, &exists)) {
		inode_put(exists);
		err = -EEXIST;
	}
	return err ? err : vfs_link(to->dir->inode, to->name, to->len, target);
}

static long do_link(int olddir, uint64_t oldpath, int newdir, uint64_t newpath, unsigned flags)
{
	struct path_component *target;
	struct parent to;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = resolve_at(olddir, oldpath, (flags & AT_SYMLINK_FOLLOW) ? RESOLVE_FOLLOW : 0,
			 flags & AT_EMPTY_PATH, &target);
	if (err)
		return err;
	err = parent_at(newdir, newpath, &to);
	if (!err) {
		struct inode *exists;

		if (!to.len || is_dots(&to)) {
			err = -EEXIST;
		} else if (to.trailing_slash) {
			err = vfs_lookup(to.dir->inode, to.name, to.len, &exists) ? -ENOENT
										  : -EEXIST;
			if (err == -EEXIST)
				inode_put(exists);
		} else if (target->inode->kind == INODE_DIR)
			err = -EPERM;
		else if (!same_instance(target, to.dir))
			err = -EXDEV;
		else
			err = link_checked(&to, target->inode);
		parent_end(&to);
	}
	path_put(target);
	return err;
}

long sys_link(const struct syscall_args *a)
{
	return do_link(AT_FDCWD, a->arg[0], AT_FDCWD, a->arg[1], 0);
}

long sys_linkat(const struct syscall_args *a)
{
	return do_link((int)a->arg[0], a->arg[1], (int)a->arg[2], a->arg[3], (unsigned)a->arg[4]);
}

static long do_symlink(uint64_t utarget, int newdir, uint64_t newpath)
{
	struct parent to;
	struct inode *ino;
	char *target;
	long err = get_path(utarget, &target, false);

	if (err)
		return err;
	err = parent_at(newdir, newpath, &to);
	if (!err) {
		if (!to.len || is_dots(&to))
			err = -EEXIST;
		else
			err = vfs_symlink(to.dir->inode, to.name, to.len, target, strlen(target),
					  &ino);
		if (!err)
			inode_put(ino);
		parent_end(&to);
	}
	kfree(target);
	return err;
}

long sys_symlink(const struct syscall_args *a)
{
	return do_symlink(a->arg[0], AT_FDCWD, a->arg[1]);
}

long sys_symlinkat(const struct syscall_args *a)
{
	return do_symlink(a->arg[0], (int)a->arg[1], a->arg[2]);
}

/* ---- attributes ---- */

/* inotify's event for a change of attributes, as Linux's
 * fsnotify_change: ownership, mode and both times are IN_ATTRIB, the
 * size IN_MODIFY, one time alone IN_ACCESS or IN_MODIFY. */
static uint32_t setattr_event(const struct vfs_setattr *sa)
{
	unsigned times = sa->valid & (VFS_SET_ATIME | VFS_SET_MTIME);
	uint32_t mask = 0;

	if (sa->valid & (VFS_SET_UID | VFS_SET_GID | VFS_SET_MODE))
		mask |= IN_ATTRIB;
	if (sa->valid & VFS_SET_SIZE)
		mask |= IN_MODIFY;
	if (times == (VFS_SET_ATIME | VFS_SET_MTIME))
		mask |= IN_ATTRIB;
	else if (times == VFS_SET_ATIME)
		mask |= IN_ACCESS;
	else if (times == VFS_SET_MTIME)
		mask |= IN_MODIFY;
	return mask;
}

static void notify_setattr(struct path_component *pc, struct inode *ino,
			   const struct vfs_setattr *sa)
{
	uint32_t mask = setattr_event(sa);

	for (uint32_t bit = 1; mask; bit <<= 1) {
		if (!(mask & bit))
			continue;
		mask &= ~bit;
		if (pc)
			fsnotify_path(pc, bit);
		else
			fsnotify_inode(ino, bit);
	}
}

static long setattr_path(int dirfd, uint64_t upath, unsigned atflags, struct vfs_setattr *sa,
			 enum attr_why why)
{
	struct path_component *pc;
	long err = resolve_at(dirfd, upath, (atflags & AT_SYMLINK_NOFOLLOW) ? 0 : RESOLVE_FOLLOW,
			      atflags & AT_EMPTY_PATH, &pc);

	if (err)
		return err;
	err = attr_change(pc->inode, sa, why);
	if (!err)
		notify_setattr(pc, pc->inode, sa);
	path_put(pc);
	return err;
}

static long setattr_fd(int fd, struct vfs_setattr *sa, enum attr_why why)
{
	struct file *f = get_file(fd);
	long err;

	if (!f)
		return -EBADF;
	/* an O_PATH descriptor only names the file (AT_EMPTY_PATH takes it) */
	err = (f->flags & O_PATH) ? -EBADF : attr_change(f->inode, sa, why);
	if (!err)
		notify_setattr(f->path && f->path->inode == f->inode ? f->path : NULL, f->inode,
			       sa);
	file_put(f);
	return err;
}

static struct vfs_setattr chmod_attr(uint64_t mode)
{
	return (struct vfs_setattr){.valid = VFS_SET_MODE, .mode = (uint32_t)mode & 07777};
}

long sys_chmod(const struct syscall_args *a)
{
	struct vfs_setattr sa = chmod_attr(a->arg[1]);

	return setattr_path(AT_FDCWD, a->arg[0], 0, &sa, ATTR_CHMOD);
}

long sys_fchmodat(const struct syscall_args *a)
{
	struct vfs_setattr sa = chmod_attr(a->arg[2]);

	return setattr_path((int)a->arg[0], a->arg[1], 0, &sa, ATTR_CHMOD);
}

long sys_fchmod(const struct syscall_args *a)
{
	struct vfs_setattr sa = chmod_attr(a->arg[1]);

	return setattr_fd((int)a->arg[0], &sa, ATTR_CHMOD);
}

static struct vfs_setattr chown_attr(uint64_t uid, uint64_t gid)
{
	struct vfs_setattr sa = {0};

	if ((uint32_t)uid != (uint32_t)-1) {
		sa.valid |= VFS_SET_UID;
		sa.uid = (uint32_t)uid;
	}
	if ((uint32_t)gid != (uint32_t)-1) {
		sa.valid |= VFS_SET_GID;
		sa.gid = (uint32_t)gid;
	}
	return sa;
}

static long chown_common(int dirfd, uint64_t upath, uint64_t uid, uint64_t gid, unsigned fl)
{
	struct vfs_setattr sa = chown_attr(uid, gid);

	if (fl & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return setattr_path(dirfd, upath, fl, &sa, ATTR_CHOWN);
}

long sys_chown(const struct syscall_args *a)
{
	return chown_common(AT_FDCWD, a->arg[0], a->arg[1], a->arg[2], 0);
}

long sys_lchown(const struct syscall_args *a)
{
	return chown_common(AT_FDCWD, a->arg[0], a->arg[1], a->arg[2], AT_SYMLINK_NOFOLLOW);
}

long sys_fchownat(const struct syscall_args *a)
{
	return chown_common((int)a->arg[0], a->arg[1], a->arg[2], a->arg[3], (unsigned)a->arg[4]);
}

long sys_fchown(const struct syscall_args *a)
{
	struct vfs_setattr sa = chown_attr(a->arg[1], a->arg[2]);

	return setattr_fd((int)a->arg[0], &sa, ATTR_CHOWN);
}

/* truncate(2) changes nothing (times included) when the size is already
 * `len`: a setattr; ftruncate(2) and O_TRUNC always update the times. */
static long truncate_inode(struct inode *ino, int64_t len, bool by_path)
{
	struct vfs_stat st;
	long err;

	if (len < 0)
		return -EINVAL;
	if (ino->kind == INODE_DIR)
		return -EISDIR;
	err = vfs_stat(ino, &st);
	if (!err && !S_ISREG(st.mode))
		err = -EINVAL;
	if (!err && ino->sb && ino->sb->read_only)
		err = -EROFS;
	if (!err)
		err = rlimit_fsize_grow((uint64_t)st.size, (uint64_t)len);
	if (err)
		return err;
	if (by_path) {
		struct vfs_setattr sa = {.valid = VFS_SET_SIZE, .size = len};

		err = attr_change(ino, &sa, ATTR_TRUNCATE);
	} else {
		err = vfs_truncate(ino, (uint64_t)len);
	}
	if (!err)
		vm_file_truncated(ino, (uint64_t)len);
	return err;
}

long sys_truncate(const struct syscall_args *a)
{
	struct path_component *pc;
	long err = resolve_at(AT_FDCWD, a->arg[0], RESOLVE_FOLLOW, false, &pc);

	if (err)
		return err;
	err = truncate_inode(pc->inode, (int64_t)a->arg[1], true);
	if (!err)
		fsnotify_path(pc, IN_MODIFY);
	path_put(pc);
	return err;
}

long sys_ftruncate(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);
	long err;

	if (!f)
		return -EBADF;
	if ((int64_t)a->arg[1] < 0)
		err = -EINVAL;
	else if ((f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_PATH))
		err = f->inode->kind == INODE_FILE ? -EINVAL : -EBADF;
	else
		err = truncate_inode(f->inode, (int64_t)a->arg[1], false);
	if (err == -EISDIR)
		err = -EINVAL;
	if (!err)
		fsnotify_file(f, IN_MODIFY);
	file_put(f);
	return err;
}

/* Set the times of dirfd/path, or of the descriptor dirfd when there is
 * no path (futimens, futimesat). */
static long set_times(int dirfd, uint64_t upath, unsigned fl, struct vfs_setattr *sa, bool now)
{
	enum attr_why why = now ? ATTR_TIMES_NOW : ATTR_TIMES_SET;

	if (!upath && dirfd != AT_FDCWD)
		return fl ? -EINVAL : setattr_fd(dirfd, sa, why);
	if (!upath)
		return -EFAULT; /* no path to resolve from the working directory */
	return setattr_path(dirfd, upath, fl, sa, why);
}

/* utimensat(dirfd, path, times[2], flags) */
long sys_utimensat(const struct syscall_args *a)
{
	struct __kernel_timespec ts[2];
	struct vfs_setattr sa = {.valid = VFS_SET_ATIME | VFS_SET_MTIME};
	unsigned fl = (unsigned)a->arg[3];
	struct vfs_time now = {0};

	if (fl & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (a->arg[2]) {
		if (copy_from_user(ts, uptr(a->arg[2]), sizeof(ts)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (ts[i].tv_nsec == UTIME_OMIT) {
				sa.valid &= ~(i ? VFS_SET_MTIME : VFS_SET_ATIME);
				continue;
			}
			if (ts[i].tv_nsec != UTIME_NOW &&
			    (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000))
				return -EINVAL;
		}
	}
	now = vfs_now();
	sa.atime = a->arg[2] && ts[0].tv_nsec != UTIME_NOW
			   ? (struct vfs_time){ts[0].tv_sec, (uint32_t)ts[0].tv_nsec}
			   : now;
	sa.mtime = a->arg[2] && ts[1].tv_nsec != UTIME_NOW
			   ? (struct vfs_time){ts[1].tv_sec, (uint32_t)ts[1].tv_nsec}
			   : now;
	if (!sa.valid)
		return 0;
	/* no times, or "now" for both, is a touch: write permission will do */
	return set_times((int)a->arg[0], a->arg[1], fl, &sa,
			 !a->arg[2] || (ts[0].tv_nsec == UTIME_NOW && ts[1].tv_nsec == UTIME_NOW));
}

/* The older calls: seconds and microseconds (utimes, futimesat) or
 * seconds (utime); no times means now.  Symlinks are followed. */
static long set_times_tv(int dirfd, uint64_t upath, uint64_t utimes)
{
	struct vfs_setattr sa = {.valid = VFS_SET_ATIME | VFS_SET_MTIME};
	struct __kernel_old_timeval tv[2];

	sa.atime = sa.mtime = vfs_now();
	if (utimes) {
		if (copy_from_user(tv, uptr(utimes), sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -EINVAL;
		}
		sa.atime = (struct vfs_time){tv[0].tv_sec, (uint32_t)tv[0].tv_usec * 1000};
		sa.mtime = (struct vfs_time){tv[1].tv_sec, (uint32_t)tv[1].tv_usec * 1000};
	}
	return set_times(dirfd, upath, 0, &sa, !utimes);
}

/* utimes(path, times[2]) */
long sys_utimes(const struct syscall_args *a)
{
	return set_times_tv(AT_FDCWD, a->arg[0], a->arg[1]);
}

/* futimesat(dirfd, path, times[2]) */
long sys_futimesat(const struct syscall_args *a)
{
	return set_times_tv((int)a->arg[0], a->arg[1], a->arg[2]);
}

/* utime(path, {actime, modtime}) */
long sys_utime(const struct syscall_args *a)
{
	struct vfs_setattr sa = {.valid = VFS_SET_ATIME | VFS_SET_MTIME};
	struct utimbuf_k {
		long actime, modtime;
	} ub;

	sa.atime = sa.mtime = vfs_now();
	if (a->arg[1]) {
		if (copy_from_user(&ub, uptr(a->arg[1]), sizeof(ub)))
			return -EFAULT;
		sa.atime = (struct vfs_time){ub.actime, 0};
		sa.mtime = (struct vfs_time){ub.modtime, 0};
	}
	return set_times(AT_FDCWD, a->arg[0], 0, &sa, !a->arg[1]);
}

/* ---- ioctl, sync ---- */

/* FS_IOC_FIEMAP, _IOWR('f', 11, struct fiemap), spelled without the
 * sizeof of a flexible structure that sparse refuses */
#define KEVLAR_FS_IOC_FIEMAP _IOWR('f', 11, char[__builtin_offsetof(struct fiemap, fm_extents)])

long sys_ioctl(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);
	long r;

	if (!f)
		return -EBADF;
	switch ((unsigned)a->arg[1]) {
	case FIOCLEX:
		r = fdtable_set_cloexec(fdt(), (int)a->arg[0], true);
		break;
	case FIONCLEX:
		r = fdtable_set_cloexec(fdt(), (int)a->arg[0], false);
		break;
	case FIONBIO: {
		int on;

		r = get_user(on, (int __user *)uptr(a->arg[2])) ? -EFAULT : 0;
		if (!r) {
			mutex_lock(&f->pos_lock);
			f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
			mutex_unlock(&f->pos_lock);
		}
		break;
	}
	case FIOASYNC: {
		/* Linux's ioctl_fioasync: O_ASYNC like F_SETFL, where the file
		 * has a fasync method (sockets and pipes here); a change on any
		 * other file is ENOTTY.  SIGIO itself is not delivered yet. */
		int on;

		r = get_user(on, (int __user *)uptr(a->arg[2])) ? -EFAULT : 0;
		if (r || !(on ? !(f->flags & FASYNC) : (f->flags & FASYNC)))
			break;
		if (!socket_of(f) && !pipe_is(f->inode)) {
			r = -ENOTTY;
			break;
		}
		mutex_lock(&f->pos_lock);
		f->flags = on ? f->flags | FASYNC : f->flags & ~FASYNC;
		mutex_unlock(&f->pos_lock);
		break;
	}
	case FIONREAD:
		/* a regular file's; a block device's driver answers for itself */
		if (f->has_pos && f->inode->kind == INODE_FILE && !blk_is_node(f->inode)) {
			struct vfs_stat st;
			int n;

			r = vfs_stat(f->inode, &st);
			n = (int)MIN((int64_t)INT32_MAX,
				     st.size > (int64_t)f->pos ? st.size - (int64_t)f->pos : 0);
			if (!r && put_user(n, (int __user *)uptr(a->arg[2])))
				r = -EFAULT;
			break;
		}
		r = vfs_ioctl(f->inode, FIONREAD, a->arg[2]);
		break;
	case FS_IOC_GETFLAGS:
	case FS_IOC32_GETFLAGS: {
		uint32_t fl;

		r = vfs_getflags(f->inode, &fl);
		if (!r && put_user((int)fl, (int __user *)uptr(a->arg[2])))
			r = -EFAULT;
		if (r == -ENOTTY)
			r = vfs_ioctl(f->inode, (unsigned)a->arg[1], a->arg[2]);
		break;
	}
	case FS_IOC_SETFLAGS:
	case FS_IOC32_SETFLAGS: {
		int fl;

		r = get_user(fl, (int __user *)uptr(a->arg[2])) ? -EFAULT : 0;
		if (!r)
			r = vfs_setflags(f->inode, (uint32_t)fl);
		if (r == -ENOTTY)
			r = vfs_ioctl(f->inode, (unsigned)a->arg[1], a->arg[2]);
		break;
	}
	case KEVLAR_FS_IOC_FIEMAP:
		r = fiemap_ioctl(f->inode, a->arg[2]);
		if (r != -EOPNOTSUPP)
			break;
		__attribute__((fallthrough));
	default:
		r = vfs_ioctl(f->inode, (unsigned)a->arg[1], a->arg[2]);
	}
	file_put(f);
	return r;
}

long sys_sync(const struct syscall_args *a)
{
	pcache_sync(NULL);     /* the files' dirty pages, */
	vfs_sync_all_fs(true); /* the journals' commits, */
	bcache_sync_all();     /* then the block devices' blocks */
	return 0;
}

static long do_fsync(int fd, bool datasync)
{
	struct file *f = get_file(fd);
	long r;

	if (!f)
		return -EBADF;
	/* pipes, sockets and character devices have nothing to sync */
	r = f->has_pos ? vfs_fsync(f->inode, datasync) : -EINVAL;
	file_put(f);
	return r;
}

long sys_fsync(const struct syscall_args *a)
{
	return do_fsync((int)a->arg[0], false);
}

long sys_fdatasync(const struct syscall_args *a)
{
	return do_fsync((int)a->arg[0], true);
}

long sys_syncfs(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);

	long err;

	if (!f)
		return -EBADF;
	/* only the file's own filesystem, as Linux (an anonymous inode's
	 * has nothing to write) */
	err = f->inode->sb ? vfs_sb_sync(f->inode->sb) : 0;
	file_put(f);
	return err;
}
