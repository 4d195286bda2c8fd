/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * INode (the seed's `enum INode { FileLike, Directory, Symlink }`): a tagged
 * handle whose tag selects one of three const ops tables.  Filesystem
 * services (ring 2) implement the tables; pipes, TTYs, sockets, eventfd and
 * friends in ring 1 implement FileLike too.  Only the kernel's dispatch
 * wrappers (kernel/fs/dispatch*.c; make check) call through a table: they
 * check arguments, give empty slots their defined errno, and are where
 * ring-2 containment lives (BRIEF §2, rules 5 and 6).
 *
 * Conventions for every op: return 0 or a count, or -errno (Linux's
 * numbers); never panic on bad input; names are (pointer, length) pairs
 * without a NUL, already checked by the kernel to be 1..255 bytes with no
 * '/' and not "." or "..".  An op that returns an inode returns a new
 * reference (svc_inode_get) the caller will drop: the kernel takes it over.
 *
 * Empty (NULL) slots, as the dispatcher treats them:
 *   read/write/ioctl/mmap  -EINVAL / -EINVAL / -ENOTTY / -ENODEV
 *   open (files and dirs)  0 (nothing to check)
 *   poll                   always ready for read and write
 *   release                nothing to do
 *   fallocate              -EOPNOTSUPP;  splice_read -EOPNOTSUPP (copy instead)
 *   seek_data              the whole file is data (a hole only at its end)
 *   fiemap                 FS_IOC_FIEMAP is -EOPNOTSUPP
 *   show_fdinfo            no lines
 *   truncate               -EINVAL;  fsync  0;  setattr -EPERM
 *   dir mutations          -EROFS (a read-only filesystem leaves them empty);
 *                          mknod -EPERM on a writable one, as Linux
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <kevlar_vfs/types.h>

struct inode;
struct svc_page;
struct vfs_sb;
struct pcache;	   /* a file's cached pages (kernel/include/kernel/pagecache.h) */
struct poll_table; /* a poll(2)/select(2)/epoll registration (kernel/poll.h) */

enum inode_kind {
	INODE_FILE = 1, /* FileLike: regular files, devices, pipes, sockets... */
	INODE_DIR,	/* Directory */
	INODE_SYMLINK,	/* Symlink */
};

/* FileLike. `off` is the file position for seekable files (ignored by
 * streams); `flags` are the open file's O_* flags (O_NONBLOCK, O_APPEND). */
struct file_ops {
	/* open(2) of the inode with O_* `flags` (before the file exists): a
	 * device may refuse (-ENXIO) or act (a terminal becomes the caller's
	 * controlling terminal). */
	int (*open)(struct inode *ino, unsigned flags);
	ssize_t (*read)(struct inode *ino, uint64_t off, struct iobuf *buf, unsigned flags);
	ssize_t (*write)(struct inode *ino, uint64_t off, struct iobuf *buf, unsigned flags);
	long (*ioctl)(struct inode *ino, unsigned cmd, uint64_t arg);
	/* POLLIN/POLLOUT/... now ready for an open file with O_* `flags` (a
	 * pipe's ends answer differently).  A FileLike whose readiness can
	 * change hands `pt` (NULL: the caller only asks) every wait queue it
	 * wakes on such a change, before it computes the answer
	 * (kernel/poll.h: poll_wait, poll_wake). */
	unsigned (*poll)(struct inode *ino, unsigned events, unsigned flags, struct poll_table *pt);
	int (*truncate)(struct inode *ino, uint64_t len);
	/* fsync(2) (`datasync` false) or fdatasync(2) (true: only what a
	 * later read of the data needs, its size and block map, not bare
	 * timestamps): the cached pages are written back already; make the
	 * metadata durable and flush the disk's cache.  0 or -errno. */
	int (*fsync)(struct inode *ino, bool datasync);
	/* fallocate(2) of a regular file, checked by the kernel: `mode` is 0,
	 * FALLOC_FL_KEEP_SIZE or FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE (or
	 * another FALLOC_FL_* mode the service may refuse with -EOPNOTSUPP),
	 * 0 < len, off + len <= INT64_MAX. */
	int (*fallocate)(struct inode *ino, int mode, uint64_t off, uint64_t len);
	/* lseek's SEEK_DATA (`hole` false) and SEEK_HOLE of a regular file,
	 * `off` below its size (the kernel answers -ENXIO past it): the
	 * first offset at or after `off` in data (-ENXIO if none) or in a
	 * hole (the end of the file counts as one).  Empty: the whole file
	 * is data. */
	int64_t (*seek_data)(struct inode *ino, uint64_t off, bool hole);
	/* FS_IOC_FIEMAP of a regular file: the extents that map bytes of
	 * [start, start + len) (len > 0, no overflow), clipped to it, in
	 * order, each to `emit` until it returns non-zero; the last one in
	 * the range carries FIEMAP_EXTENT_LAST.  0 or -errno.  Empty: the
	 * ioctl is -EOPNOTSUPP. */
	int (*fiemap)(struct inode *ino, uint64_t start, uint64_t len, vfs_fiemap_fn emit,
		      void *ctx);
	/* sendfile(2) without a copy: hand the bytes from `off` on (at most
	 * `len`, and not past the end of the file) to `fn` in pieces, in
	 * order, with the file's lock held; stop when fn takes fewer or fails.
	 * The bytes taken, or fn's error if none were. */
	ssize_t (*splice_read)(struct inode *ino, uint64_t off, size_t len, unsigned flags,
			       vfs_splice_fn fn, void *ctx);
	int (*stat)(struct inode *ino, struct vfs_stat *st);
	int (*setattr)(struct inode *ino, const struct vfs_setattr *a);
	/* Page `pgoff` of the file for a private or shared mapping: the
	 * file's own frame (svc_page_alloc), which it keeps; ring 1 takes its
	 * own reference for the mapping. */
	int (*get_page)(struct inode *ino, uint64_t pgoff, struct svc_page **page);
	/* The page cache (kernel/mm/pagecache.c; service.h's svc_pcache_*).
	 * A file with `readpage` keeps its data in ring 1's cache instead of
	 * frames of its own: mappings (and read-ahead) ask readpage to fill
	 * the cache's frame `pg` with page `pgoff` of the file (zeros past
	 * its end): 0, or -errno (-EIO: SIGBUS on the mapping).  get_page is
	 * then unused.  `writepage` writes the first `len` bytes of a dirty
	 * page to the service's storage (allocating blocks as it must): 0 or
	 * -errno (-ENOSPC, -EIO: reported by the next fsync).  The kernel
	 * calls it from writeback (periodic, memory pressure, sync, fsync,
	 * msync, unmount) with no lock of the service's held; `len` stops at
	 * the end of the file as stat() gave it.  Empty writepage: the pages
	 * are never dirty (a read-only file). */
	int (*readpage)(struct inode *ino, uint64_t pgoff, struct svc_page *pg);
	int (*writepage)(struct inode *ino, uint64_t pgoff, struct svc_page *pg, size_t len);
	/* Optional, beside writepage: `n` dirty pages, of indexes idx[0..n)
	 * (ascending, not always consecutive), in one go: the service
	 * writes each run of contiguous blocks in one request and has all
	 * of them in flight before it waits; `size` is the file's size as
	 * stat() gave it (the bytes of the pages past it are not the
	 * file's).  0 or -errno, as writepage, for the whole batch. */
	int (*writepages)(struct inode *ino, const uint64_t *idx, struct svc_page *const *pgs,
			  unsigned n, uint64_t size);
	/* The last reference to an open file description of `ino` is gone
	 * (its last descriptor closed, in every process that shared it);
	 * `flags` are that file's O_* flags.  Streams that count their open
	 * ends (pipes) do it here.  Cannot fail. */
	void (*release)(struct inode *ino, unsigned flags);
	/* The kind's own lines of /proc/<pid>/fdinfo/<fd> (after the common
	 * pos, flags, mnt_id and ino) into buf, at most `size` bytes: their
	 * full length, as snprintf; asked again with a bigger buffer when
	 * they did not fit.  Empty: no lines. */
	int (*show_fdinfo)(struct inode *ino, char *buf, size_t size);
	/* A special node (mknod(2): FIFO, character or block device, socket)
	 * that only names something: open(2) gives the named pipe or the
	 * device its stat's mode and rdev name, and only stat and setattr
	 * of these ops are used. */
	bool special;
	/* The file takes O_DIRECT: open(2) and fcntl(F_SETFL) accept the
	 * flag (elsewhere they refuse it with -EINVAL, as Linux's files
	 * without direct I/O), and read/write see it in `flags`. */
	bool direct_io;
};

/* Directory.  The kernel checked the caller's permission to make or
 * remove names (write and search on dir, the sticky bit) before a
 * mutating slot is called; a new node (create, mkdir, mknod, symlink,
 * tmpfile) is owned by svc_creator()'s uid and gid, with a setgid
 * directory's gid and S_ISGID rule (service.h). */
struct dir_ops {
	int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
	int (*create)(struct inode *dir, const char *name, size_t len, uint32_t mode,
		      struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, size_t len, uint32_t mode,
		     struct inode **out);
	/* A special node (mode S_IFIFO, S_IFCHR, S_IFBLK or S_IFSOCK) whose
	 * stat shows `rdev` (dev_t as stat(2) shows it; 0 for FIFOs and
	 * sockets); its ops must be marked `special`.  Empty: -EPERM. */
	int (*mknod)(struct inode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
		     struct inode **out);
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target,
		       size_t tlen, struct inode **out);
	int (*link)(struct inode *dir, const char *name, size_t len, struct inode *target);
	/* O_TMPFILE: a new regular file of `mode` with no name (nlink 0) in
	 * dir's instance; link() may name it once if `linkable`.  Empty:
	 * -EOPNOTSUPP. */
	int (*tmpfile)(struct inode *dir, uint32_t mode, bool linkable, struct inode **out);
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	int (*rmdir)(struct inode *dir, const char *name, size_t len);
	/* Move old to new, replacing a compatible new (file over file, empty
	 * dir over dir); both directories belong to the same service instance. */
	int (*rename)(struct inode *olddir, const char *oldname, size_t oldlen,
		      struct inode *newdir, const char *newname, size_t newlen);
	/* Swap two existing names atomically (renameat2's RENAME_EXCHANGE):
	 * each keeps its place and takes the other's inode; files and
	 * directories mix.  Both directories belong to the same instance.
	 * -ENOENT if either name is missing, -EINVAL if either inode is a
	 * directory containing the other name; one inode under both names
	 * (or one name twice): 0, nothing changes.  Empty: -EINVAL. */
	int (*exchange)(struct inode *olddir, const char *oldname, size_t oldlen,
			struct inode *newdir, const char *newname, size_t newlen);
	/* Emit entries from position *pos on (0 = start, including "." and
	 * ".."), advancing *pos past each one emitted; stop early when `emit`
	 * returns non-zero (the caller's buffer is full), leaving *pos at the
	 * entry not taken, and return 0 (an error only for a real failure). */
	int (*readdir)(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx);
	int (*stat)(struct inode *dir, struct vfs_stat *st);
	int (*setattr)(struct inode *dir, const struct vfs_setattr *a);
	/* open(2) of the directory with O_* `flags`, after the kernel's
	 * permission checks: a filesystem with a rule of its own may refuse
	 * (procfs's fdinfo of a process the caller may not inspect: -EACCES).
	 * Empty: 0. */
	int (*open)(struct inode *dir, unsigned flags);
};

struct path_component; /* the kernel's resolved path (kernel/path.h) */

/* Symlink. */
struct symlink_ops {
	/* Copy the target (no NUL) into buf; returns its full length. */
	ssize_t (*readlink)(struct inode *ino, char *buf, size_t size);
	/* Ring 1's "magic" links only (/proc/<pid>/fd/N): following the link
	 * jumps to the object itself, not to the path readlink shows.  A new
	 * reference to where it leads in *out, 1 to be followed as an
	 * ordinary link after all, or -errno.  Services leave it empty. */
	int (*jump)(struct inode *ino, struct path_component **out);
	int (*stat)(struct inode *ino, struct vfs_stat *st);
	int (*setattr)(struct inode *ino, const struct vfs_setattr *a);
};

struct inode {
	enum inode_kind kind;
	union {
		const struct file_ops *file;
		const struct dir_ops *dir;
		const struct symlink_ops *symlink;
	} ops;
	struct vfs_sb *sb; /* the service instance (mount) it belongs to; NULL for ring-1 objects */
	uint64_t ino;	   /* unique within sb: with sb->dev_id it forms the MountKey */
	/* atomic: the references (low 32 bits: the last one gone calls
	 * sb->ops->evict) and, in the containing profiles, how many of them
	 * ring 1 holds (high 32 bits): the rest are the service's, which the
	 * kernel drops for a failed instance.  The kernel's inode_get and the
	 * service's svc_inode_get keep the two apart. */
	uint64_t refs;
	struct list_head in_instance; /* ring 1's: on its service instance's list */
	void *priv;		      /* the implementation's own state */
	/* Ring 1's: known to carry no set-user/group-ID bit a write must
	 * clear (set by the first write's check, cleared by every setattr),
	 * so writes skip the check.  Services leave it alone. */
	bool nosec;
	/* Ring 1's: the page cache of a file whose ops have readpage
	 * (kernel/mm/pagecache.c), made on first use.  Services leave it alone. */
	struct pcache *pcache;
	/* Ring 1's: a memfd's F_SEAL_* bits and MEMFD_INODE (kernel/memfd.h),
	 * 0 for every other file.  Services leave it alone. */
	unsigned seals;
};
