/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Plain data shared by the kernel and the filesystem services: times,
 * attributes, directory entries, and the I/O buffer handle.  Mode bits and
 * file types are Linux's (S_IFREG, 0755, DT_DIR...), from the UAPI headers.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <linux/stat.h>

struct vfs_time {
	int64_t sec;
	uint32_t nsec;
};

/* What stat(2) reports; the kernel converts it to the ABI struct. */
struct vfs_stat {
	uint64_t dev; /* filled in by the kernel from the mount */
	uint64_t ino;
	uint32_t mode; /* S_IF* | permission bits */
	uint32_t nlink;
	uint32_t uid, gid;
	uint64_t rdev; /* dev and rdev: dev_t as stat(2) shows it (Linux's new_encode_dev) */
	int64_t size;
	uint32_t blksize;
	uint64_t blocks; /* 512-byte units */
	struct vfs_time atime, mtime, ctime;
	struct vfs_time btime; /* creation (statx's STATX_BTIME) ... */
	bool has_btime;	       /* ... where the filesystem keeps it */
};

/* What statfs(2) reports about one service instance.  The kernel calls the
 * service with Linux's defaults for a filesystem in memory already in
 * place (magic TMPFS_MAGIC, bsize 4096, blocks and files half the RAM's
 * pages, all free); a service changes what it knows better.  f_namelen,
 * f_flags and f_fsid come from the mount. */
struct vfs_statfs {
	uint64_t magic; /* f_type: Linux's magic for the filesystem this stands for */
	uint32_t bsize;
	uint64_t blocks, bfree, bavail; /* in bsize units */
	uint64_t files, ffree;
};

/* setattr(): which fields to change (chmod, chown, truncate, utimens). */
#define VFS_SET_MODE  0x01u
#define VFS_SET_UID   0x02u
#define VFS_SET_GID   0x04u
#define VFS_SET_SIZE  0x08u
#define VFS_SET_ATIME 0x10u
#define VFS_SET_MTIME 0x20u
struct vfs_setattr {
	unsigned valid; /* VFS_SET_* */
	uint32_t mode, uid, gid;
	int64_t size;
	struct vfs_time atime, mtime;
};

/* One directory entry for readdir(); `type` is a DT_* value (the file type
 * bits of the mode shifted down, as VFS_DTYPE computes). */
#define VFS_DTYPE(mode) (((mode)&S_IFMT) >> 12)
typedef int (*vfs_dirent_fn)(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type);

/* A piece of a file handed out by file_ops.splice_read: `data` is the
 * service's own memory, valid only during the call.  The bytes taken, or
 * -errno. */
typedef ssize_t (*vfs_splice_fn)(void *ctx, const void *data, size_t len);

/* One extent file_ops.fiemap reports: bytes [logical, logical + len) of
 * the file at byte `physical` of the device, FIEMAP_EXTENT_* flags.  0
 * to go on, non-zero to stop. */
typedef int (*vfs_fiemap_fn)(void *ctx, uint64_t logical, uint64_t physical, uint64_t len,
			     uint32_t flags);

/*
 * An I/O buffer: where read() puts bytes and write() takes them from.  It
 * may be user memory (a read(2) buffer) or kernel memory (exec reading an
 * ELF header); a service never knows which and never dereferences it: it
 * moves bytes with iobuf_put()/iobuf_get() from the service API, which
 * return -EFAULT for a bad user buffer, or with iobuf_put_upto()/
 * iobuf_get_upto(), which stop at the first bad user page and say how far
 * they got (read and write return that partial count, as on Linux).
 */
struct iobuf {
	bool user;
	union {
		void *kbuf;
		void __user *ubuf;
	};
	size_t len;
};
