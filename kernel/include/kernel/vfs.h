/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The VFS dispatch wrappers: the only code that calls through an INode's
 * ops table (BRIEF §2 rule 5).  Each checks the inode's kind, refuses work
 * on a failed service instance (-EIO), gives an empty slot its defined
 * errno (see libs/kevlar_vfs/include/kevlar_vfs/inode.h), validates names,
 * and is the single place ring-2 containment will wrap (step 9).
 * All may sleep; call them without spinlocks held.
 */
#pragma once

#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/service.h>

#define VFS_NAME_MAX 255

/* Ring 1's own inodes (pipes, sockets, procfs, devfs...): allocate one of
 * `kind` with `ops` (one reference) on `sb`, or NULL.  Services call
 * svc_inode_alloc/svc_inode_put, with their token, instead. */
struct inode *inode_alloc(struct vfs_sb *sb, enum inode_kind kind, const void *ops, uint64_t ino);
/* Take or drop one of ring 1's references; the last reference gone calls
 * sb->ops->evict (into the service).  Where services are contained, ring
 * 1's are counted apart (struct inode's refs), so that a failed
 * instance's own references can be dropped for it. */
#define INODE_KREF (CONFIG_RING2_CONTAIN ? (1ull << 32 | 1) : 1)
static inline void inode_get(struct inode *i)
{
	__atomic_add_fetch(&i->refs, INODE_KREF, __ATOMIC_RELAXED);
}
void inode_put(struct inode *ino);

/* Ring 1's own copies to and from an iobuf, and the time for its
 * timestamps: the service API's iobuf_put... and svc_now without the
 * check each service-API call makes (ring-1 kinds never run inside a
 * crossing). */
int vfs_iobuf_put(struct iobuf *b, size_t at, const void *src, size_t n) __must_check;
int vfs_iobuf_get(struct iobuf *b, size_t at, void *dst, size_t n) __must_check;
size_t vfs_iobuf_put_upto(struct iobuf *b, size_t at, const void *src, size_t n) __must_check;
size_t vfs_iobuf_get_upto(struct iobuf *b, size_t at, void *dst, size_t n) __must_check;
struct vfs_time vfs_now(void);
/* How many references `ino` has, ring 1's and its service's. */
static inline uint32_t inode_refs(const struct inode *ino)
{
	return (uint32_t)__atomic_load_n(&ino->refs, __ATOMIC_ACQUIRE);
}

/* Register every built-in service (VFS_SERVICE) at boot. */
void vfs_init(void);
/* Arm the fault injections the command line names (inject=, fs/inject.c). */
void vfs_inject_boot(const char *cmdline);

struct path_component;
/* Mount a new instance of the filesystem type `fstype` over the directory
 * `at` (NULL: as the root), with mount(2)'s MS_* `flags` (MS_RDONLY,
 * MS_NOSUID, ...).  0, -ENODEV (no such type), or the type's or
 * vfs_mount_at()'s error. */
int vfs_mount(const char *fstype, const char *source, const void *data, size_t len,
	      unsigned long flags, struct path_component *at);
/* `sb` is an instance on a block device that is read-only (remount rw
 * of it is EACCES, as Linux). */
bool vfs_sb_bdev_read_only(struct vfs_sb *sb);
/* syncfs(2) of the instance `sb`: the dirty blocks of its own device
 * written and the disk flushed (0 or -EIO); nothing for an instance in
 * memory. */
int vfs_sb_sync(struct vfs_sb *sb);
/* The instance's sync_fs slot (service.h): 0 or -errno (-EIO for a failed
 * instance). */
int vfs_sync_fs(struct vfs_sb *sb, bool wait);
/* Every block-device instance's sync_fs: sync(2) with `wait`, the
 * flusher's periodic call without. */
void vfs_sync_all_fs(bool wait);
/* A new instance of `fstype` attached nowhere (memfd's tmpfs, as Linux's
 * kern_mount): its root is sb->root.  ERR_PTR(-ENODEV) or the type's error. */
struct vfs_sb *vfs_kern_mount(const char *fstype);
/* The per-mount MS_* flags mount(2) or a remount with `flags` leaves, as
 * Linux keeps them: relatime unless noatime is asked for, neither with
 * strictatime. */
unsigned long vfs_mount_flags(unsigned long flags);
/* Mount the first boot module (a cpio archive) as the root, with devfs,
 * proc and tmpfs on /dev, /proc and /tmp when the image has those
 * directories.  0, or -ENOENT when there is no boot module. */
int vfs_mount_boot_root(void);

/* root= on the command line `cmd` (kernel/fs/rootdisk.c): wait for the
 * disk, mount it, move /dev, /proc and /sys into it and make it the
 * root.  Nothing without root=; a panic when the disk never comes or
 * does not mount.  Sleeps: call it from a thread, after
 * vfs_mount_boot_root(). */
void vfs_boot_disk_root(const char *cmd);

ssize_t vfs_read(struct inode *i, uint64_t off, struct iobuf *b, unsigned flags);
ssize_t vfs_write(struct inode *i, uint64_t off, struct iobuf *b, unsigned flags);
/* Read until `b` is full or end of file (exec, file mappings): the bytes
 * read, or -errno. */
ssize_t vfs_read_full(struct inode *i, uint64_t off, const struct iobuf *b);
long vfs_ioctl(struct inode *i, unsigned cmd, uint64_t arg);
int vfs_open(struct inode *i, unsigned flags);
/* open(2) of `i` with O_* `flags`: the inode the new open file refers to
 * (new reference in *out).  That is `i` itself after vfs_open(), except
 * for a special node (file_ops.special): a FIFO gives its named pipe
 * (kernel/pipe.h, which may wait for the other end), a character device
 * node the device its rdev names; a block device or socket node, or a
 * number no driver has, gives -ENXIO.  May sleep. */
int vfs_open_inode(struct inode *i, unsigned flags, struct inode **out);
unsigned vfs_poll(struct inode *i, unsigned events, unsigned flags, struct poll_table *pt);
/* Has `i` a poll op (readiness that changes)?  epoll refuses files
 * without one (EPERM), as Linux's file_can_poll. */
bool vfs_can_poll(const struct inode *i);
/* An open file of `i` with O_* `flags` is gone (file_put's last reference). */
void vfs_release(struct inode *i, unsigned flags);
int vfs_truncate(struct inode *i, uint64_t len);
/* fsync(2) and fdatasync(2) (`datasync`: file_ops.fsync): the file's
 * dirty pages written back, then the service's fsync.  0 or the first
 * -errno; may sleep. */
int vfs_fsync(struct inode *i, bool datasync);
/* The same for the cached pages [from, to] (indexes) only: msync(MS_SYNC)
 * (a datasync, as Linux's), Linux's vfs_fsync_range. */
int vfs_fsync_range(struct inode *i, uint64_t from, uint64_t to, bool datasync);
/* fallocate(2) on a regular file whose arguments the caller checked
 * (see file_ops.fallocate): 0 or -errno, -EOPNOTSUPP if the service has none. */
int vfs_fallocate(struct inode *i, int mode, uint64_t off, uint64_t len);
/* SEEK_DATA/SEEK_HOLE from `off` (below the size) in a regular file (see
 * file_ops.seek_data): the offset, -ENXIO, or -EOPNOTSUPP when the file
 * has no holes to report (the caller treats it all as data). */
int64_t vfs_seek_data(struct inode *i, uint64_t off, bool hole);
/* The extents of a regular file (see file_ops.fiemap): 0, -errno, or
 * -EOPNOTSUPP when the service keeps none to report. */
int vfs_fiemap(struct inode *i, uint64_t start, uint64_t len, vfs_fiemap_fn emit, void *ctx);
/* FS_IOC_FIEMAP on `i` with the user's struct fiemap at `uarg`. */
long fiemap_ioctl(struct inode *i, uint64_t uarg);
/* The file's bytes from `off` handed to `fn` without a copy (see
 * file_ops.splice_read): bytes taken, -errno, or -EOPNOTSUPP when the
 * service cannot (the caller copies then). */
ssize_t vfs_splice_read(struct inode *i, uint64_t off, size_t len, unsigned flags, vfs_splice_fn fn,
			void *ctx);
/* The file's own page `pgoff` (the service's page cache): a page the
 * caller may map after page_get().  -ENODEV if the service keeps no
 * pages, -ENXIO past the end of the file. */
struct page;
int vfs_get_page(struct inode *i, uint64_t pgoff, struct page **page);
/* The service hands out pages (shared file mappings work). */
bool vfs_has_pages(struct inode *i);
/* The page cache's calls into a file's readpage and writepage (inode.h):
 * 0 or -errno, -EIO on a failed instance. */
int vfs_readpage(struct inode *i, uint64_t pgoff, struct page *pg) __must_check;
int vfs_writepage(struct inode *i, uint64_t pgoff, struct page *pg, size_t len) __must_check;
/* writepages (inode.h): `n` dirty pages of ascending indexes idx[], the
 * file `size` bytes long as stat() gave it.  -EINVAL without the op. */
int vfs_writepages(struct inode *i, const uint64_t *idx, struct svc_page *const *pgs, unsigned n,
		   uint64_t size) __must_check;
/* A FIFO, device or socket node (file_ops.special): open() gives the
 * pipe or device it names (vfs_open_inode). */
bool vfs_is_special(const struct inode *i);
/* Does the file take O_DIRECT (file_ops.direct_io)? */
static inline bool vfs_direct_io(const struct inode *i)
{
	return i->kind == INODE_FILE && i->ops.file->direct_io;
}
int vfs_stat(struct inode *i, struct vfs_stat *st);
/* The file kind's lines of /proc/<pid>/fdinfo (file_ops.show_fdinfo):
 * their full length (0 for a kind with none) or -EIO. */
int vfs_show_fdinfo(struct inode *i, char *buf, size_t size);
/* Remount `sb` read-only or not with the options `data` (its remount
 * slot; an empty one accepts): 0 or -errno. */
int vfs_remount(struct vfs_sb *sb, bool read_only, const char *data, size_t len);
/* The instance's own mount options (",size=1024k"...) into buf, NUL
 * terminated: "" when it has none or they do not fit. */
void vfs_show_options(struct vfs_sb *sb, char *buf, size_t size);
/* statfs(2) of the instance `sb` (NULL: a kernel object on none): *st
 * holds the defaults (struct vfs_statfs), the instance adjusts them. */
int vfs_statfs(struct vfs_sb *sb, struct vfs_statfs *st);
int vfs_setattr(struct inode *i, const struct vfs_setattr *a);

int vfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out);
int vfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode, struct inode **out);
int vfs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode, struct inode **out);
/* A FIFO, device or socket node (mode's type) with st_rdev `rdev`: -EPERM
 * where the filesystem makes none. */
int vfs_mknod(struct inode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
	      struct inode **out);
int vfs_symlink(struct inode *dir, const char *name, size_t len, const char *target, size_t tlen,
		struct inode **out);
int vfs_link(struct inode *dir, const char *name, size_t len, struct inode *target);
/* O_TMPFILE: a new unnamed regular file in dir's filesystem (a reference
 * in *out); -ENOTDIR, -EOPNOTSUPP where the filesystem makes none, -EROFS. */
int vfs_tmpfile(struct inode *dir, uint32_t mode, bool linkable, struct inode **out);
int vfs_unlink(struct inode *dir, const char *name, size_t len);
int vfs_rmdir(struct inode *dir, const char *name, size_t len);
int vfs_rename(struct inode *olddir, const char *oldname, size_t oldlen, struct inode *newdir,
	       const char *newname, size_t newlen);
/* renameat2's RENAME_EXCHANGE through dir_ops.exchange: -EINVAL where the
 * filesystem has none (as Linux), -EROFS where it cannot rename at all. */
int vfs_exchange(struct inode *olddir, const char *oldname, size_t oldlen, struct inode *newdir,
		 const char *newname, size_t newlen);
/* renameat2's RENAME_WHITEOUT: the rename, then a whiteout (a character
 * device 0:0, mode 0) under the old name, as overlayfs expects.  -EINVAL
 * where the filesystem makes no device nodes.  Not atomic: another
 * process may see the old name missing for a moment, and if the whiteout
 * cannot be made (-ENOMEM, or the name was taken meanwhile) the rename
 * stays done and the error is returned. */
int vfs_rename_whiteout(struct inode *olddir, const char *oldname, size_t oldlen,
			struct inode *newdir, const char *newname, size_t newlen);
int vfs_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx);
ssize_t vfs_readlink(struct inode *i, char *buf, size_t size);

/* Extended attributes (the vfs_sb_ops slots, service.h): `name` is the
 * full NUL-terminated name, already checked to be 1..255 bytes; `b` empty
 * asks only for the size.  Besides the service's errors: -EIO (failed
 * instance), -EROFS (set/remove on a read-only instance), -EPERM/-ENODATA
 * (user.* on anything but a regular file or directory), -EOPNOTSUPP where
 * the instance keeps no attributes (list: an empty list, 0). */
ssize_t vfs_getxattr(struct inode *i, const char *name, struct iobuf *b);
int vfs_setxattr(struct inode *i, const char *name, const void *value, size_t size, int flags);
ssize_t vfs_listxattr(struct inode *i, struct iobuf *b);
int vfs_removexattr(struct inode *i, const char *name);

/* FS_IOC_GETFLAGS/SETFLAGS through vfs_sb_ops.getflags/setflags, with
 * Linux's checks for a change (-EROFS, -EPERM for a caller neither owner
 * nor CAP_FOWNER, or changing immutable/append-only without
 * CAP_LINUX_IMMUTABLE).  -ENOTTY where the instance keeps no flags
 * (the caller passes the ioctl on to the file). */
int vfs_getflags(struct inode *i, uint32_t *flags);
int vfs_setflags(struct inode *i, uint32_t flags);

/* Follow a magic link (symlink_ops.jump): 0 with a new reference in *out,
 * 1 for an ordinary link (read it instead), or -errno. */
int vfs_jump(struct inode *i, struct path_component **out);
