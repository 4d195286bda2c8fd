/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * memfd_create(2) and file seals.  A memfd is an O_TMPFILE-like file of an
 * internal tmpfs instance mounted nowhere (made on first use): it has no
 * name in any directory (nlink 0), its descriptor's path is a detached
 * "/memfd:NAME", which /proc/PID/fd shows with " (deleted)" as Linux does,
 * and a shared mapping of it is the tmpfs file's own pages, so mappings
 * are shared across fork like any tmpfs file's.
 *
 * Seals live in the inode's `seals` word (MEMFD_INODE marks a memfd);
 * they only grow, under seal_lock, and the hot paths read them with one
 * atomic load.  The checks are made where Linux makes them: the VFS write,
 * truncate, fallocate and setattr wrappers (kernel/fs/dispatch.c) and mmap.
 * A write racing a seal being added may still land, as a write already
 * past its check on Linux would.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/falloc.h>
#include <linux/memfd.h>
#include <linux/mman.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/service.h>
#include <kernel/file.h>
#include <kernel/memfd.h>
#include <kernel/mutex.h>
#include <kernel/path.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif

#define MFD_NAME_MAX 249 /* NAME_MAX less "memfd:" */
#define MFD_PREFIX   "memfd:"
#define MFD_ALL	     (MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)

static struct mutex seal_lock = MUTEX_INIT(seal_lock, "memfd_seals");
static struct path_component *memfd_root; /* seal_lock (set once) */
static struct vfs_sb *memfd_sb;		  /* its instance: written once, then read lock-free */

/* The internal instance's root component, made on first use. */
static struct path_component *root_get(void)
{
	struct path_component *pc;

	mutex_lock(&seal_lock);
	if (!memfd_root) {
		struct vfs_sb *sb = vfs_kern_mount("tmpfs");

		if (!IS_ERR(sb)) {
			memfd_root = vfs_new_root(sb);
			__atomic_store_n(&memfd_sb, sb, __ATOMIC_RELEASE);
		}
	}
	pc = memfd_root ? path_get(memfd_root) : NULL;
	mutex_unlock(&seal_lock);
	return pc;
}

static long check_flags(unsigned flags)
{
	if (flags & MFD_HUGETLB) {
		if (flags & ~(MFD_ALL | ((unsigned)MFD_HUGE_MASK << MFD_HUGE_SHIFT)))
			return -EINVAL;
	} else if (flags & ~MFD_ALL) {
		return -EINVAL;
	}
	if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
		return -EINVAL;
	return 0;
}

struct path_component *memfd_anon_path(const char *name, uint32_t mode)
{
	struct path_component *root = root_get(), *named;
	struct inode *ino;
	int err;

	if (!root)
		return ERR_PTR(-ENOMEM);
	err = vfs_tmpfile(root->inode, mode, false, &ino);
	if (err) {
		path_put(root);
		return ERR_PTR(err);
	}
	named = vfs_child_path(root, name, strlen(name), ino);
	inode_put(ino); /* the component holds it */
	path_put(root);
	return named ? named : ERR_PTR(-ENOMEM);
}

/* A new memfd for `name` with mode `mode` and seals `seals`: the file, or
 * an ERR_PTR. */
static struct file *memfd_new(const char *name, uint32_t mode, unsigned seals)
{
	struct path_component *root = root_get(), *named;
	struct inode *ino;
	struct file *f;
	int err;

	if (!root)
		return ERR_PTR(-ENOMEM);
	err = vfs_tmpfile(root->inode, mode, false, &ino);
	if (err)
		goto err_root;
	__atomic_store_n(&ino->seals, MEMFD_INODE | seals, __ATOMIC_RELEASE);
	named = vfs_child_path(root, name, strlen(name), ino);
	if (!named) {
		err = -ENOMEM;
		goto err_ino;
	}
	f = file_new(ino, O_RDWR | O_LARGEFILE); /* takes the lookup's reference */
	if (!f) {
		err = -ENOMEM;
		path_put(named);
		goto err_ino;
	}
	f->path = named;
	path_put(root);
	return f;
err_ino:
	inode_put(ino);
err_root:
	path_put(root);
	return ERR_PTR(err);
}

/* memfd_create(name, flags) */
long sys_memfd_create(const struct syscall_args *a)
{
	unsigned flags = (unsigned)a->arg[1], seals = F_SEAL_SEAL;
	uint32_t mode = 0777;
	char *name;
	struct file *f;
	long n;

	n = check_flags(flags);
	if (n)
		return n;
	name = kmalloc(sizeof(MFD_PREFIX) + MFD_NAME_MAX + 1);
	if (!name)
		return -ENOMEM;
	memcpy(name, MFD_PREFIX, sizeof(MFD_PREFIX) - 1);
	n = strncpy_from_user(name + sizeof(MFD_PREFIX) - 1, uptr(a->arg[0]), MFD_NAME_MAX + 1);
	if (n < 0) {
		n = n == -ENAMETOOLONG ? -EINVAL : n;
		goto out;
	}
	if (flags & MFD_HUGETLB) {
		n = -ENOSYS; /* no hugetlbfs, as a Linux built without it */
		goto out;
	}
	if (flags & MFD_NOEXEC_SEAL) {
		mode = 0666;
		seals = F_SEAL_EXEC;
	} else if (flags & MFD_ALLOW_SEALING) {
		seals = 0;
	}
	f = memfd_new(name, S_IFREG | mode, seals);
	if (IS_ERR(f)) {
		n = PTR_ERR(f);
		goto out;
	}
	n = fdtable_install(current_thread()->files, f, 0, flags & MFD_CLOEXEC);
	file_put(f);
out:
	kfree(name);
	return n;
}

static long add_seals(struct file *f, unsigned seals)
{
	struct inode *i = f->inode;
	unsigned now;
	long err = 0;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EPERM;
	if (seals & ~MEMFD_SEALS)
		return -EINVAL;
	mutex_lock(&seal_lock);
	now = memfd_seals(i);
	if (now & F_SEAL_SEAL) {
		err = -EPERM;
		goto out;
	}
	if ((seals & F_SEAL_WRITE) && !(now & F_SEAL_WRITE) && vm_file_maps(i, true)) {
		err = -EBUSY;
		goto out;
	}
	if (seals & F_SEAL_EXEC) {
		struct vfs_stat st;

		if (!vfs_stat(i, &st) && (st.mode & 0111))
			seals |= F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE;
	}
	__atomic_or_fetch(&i->seals, seals, __ATOMIC_RELEASE);
out:
	mutex_unlock(&seal_lock);
	return err;
}

long memfd_fcntl(struct file *f, int cmd, unsigned arg)
{
	if (!(__atomic_load_n(&f->inode->seals, __ATOMIC_ACQUIRE) & MEMFD_INODE))
		return -EINVAL;
	if (cmd == F_GET_SEALS)
		return memfd_seals(f->inode);
	return add_seals(f, arg);
}

static uint64_t size_of(struct inode *i)
{
	struct vfs_stat st;

	return vfs_stat(i, &st) ? 0 : (uint64_t)st.size;
}

ssize_t memfd_write_allowed(struct inode *i, uint64_t off, size_t len, unsigned flags)
{
	unsigned seals = memfd_seals(i);
	uint64_t size, edge;

	if (!len)
		return 0;
	if (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if (!(seals & F_SEAL_GROW))
		return (ssize_t)len;
	size = size_of(i);
	if (flags & O_APPEND)
		off = size;
	if (off + len <= size)
		return (ssize_t)len;
	/* Linux writes page by page and stops at the first page that would
	 * grow the file: the bytes up to the last page boundary within it */
	edge = size & ~(uint64_t)(PAGE_SIZE - 1);
	if (edge <= off)
		return -EPERM;
	return (ssize_t)(edge - off);
}

int memfd_resize_allowed(struct inode *i, uint64_t len)
{
	unsigned seals = memfd_seals(i);
	uint64_t size;

	if (!(seals & (F_SEAL_SHRINK | F_SEAL_GROW)))
		return 0;
	size = size_of(i);
	if ((len < size && (seals & F_SEAL_SHRINK)) || (len > size && (seals & F_SEAL_GROW)))
		return -EPERM;
	return 0;
}

int memfd_chmod_allowed(struct inode *i, uint32_t mode)
{
	struct vfs_stat st;

	if (!(memfd_seals(i) & F_SEAL_EXEC) || vfs_stat(i, &st))
		return 0;
	return ((st.mode ^ mode) & 0111) ? -EPERM : 0;
}

int memfd_fallocate_allowed(struct inode *i, int mode, uint64_t end)
{
	unsigned seals = memfd_seals(i);

	if ((mode & FALLOC_FL_PUNCH_HOLE) && (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
		return -EPERM;
	if ((seals & F_SEAL_GROW) && end > size_of(i))
		return -EPERM;
	return 0;
}

bool memfd_internal(const struct inode *i)
{
	return i->sb && i->sb == __atomic_load_n(&memfd_sb, __ATOMIC_ACQUIRE);
}
