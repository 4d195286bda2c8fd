/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Anonymous inodes: the FileLikes that live on no filesystem and are made
 * by a system call (eventfd, timerfd, signalfd, pidfd, epoll, inotify), as Linux's
 * anon_inodefs makes them.  Each kind declares itself once:
 *
 *   static const struct anon_kind eventfd_kind = {
 *           .name = "[eventfd]",
 *           .ops = {.read = eventfd_read, ..., .stat = anon_stat},
 *           .free = eventfd_free,
 *   };
 *
 * and anon_file_new() gives an open file of a new inode whose priv is the
 * kind's object.  What user space sees is Linux's: fstat gives mode 0600
 * with no file type, /proc/<pid>/fd/N reads "anon_inode:[eventfd]",
 * opening that link gives ENXIO.
 */
#pragma once

#include <klib/types.h>
#include <kevlar_vfs/inode.h>

struct file;

struct anon_kind {
	const char *name;	 /* the /proc/<pid>/fd link: "anon_inode:" name */
	struct file_ops ops;	 /* the kind's FileLike (read-only once declared) */
	void (*free)(void *obj); /* the inode's last reference went: free obj */
	/* st_ino of the inode for `obj`; NULL: the one every anonymous
	 * inode shares (pidfds have their own, as on Linux's pidfs) */
	uint64_t (*ino)(const void *obj);
};

/*
 * A new anonymous inode of kind `k` holding `obj`, and an open file of it
 * with O_* `flags` (O_ACCMODE and O_NONBLOCK): one reference (file_put).
 * NULL if out of memory; `obj` is then still the caller's.  May sleep.
 */
struct file *anon_file_new(const struct anon_kind *k, void *obj, unsigned flags);
/* Give `f` (its reference taken over) a descriptor of the calling
 * thread's table, close-on-exec if `cloexec`: the fd, or -EMFILE. */
int anon_fd_install(struct file *f, bool cloexec);
/* The object behind `f` if it is an anonymous file of kind `k`, else NULL
 * (the caller's errno: EBADF or EINVAL, as the system call says). */
void *anon_file_obj(const struct file *f, const struct anon_kind *k);
/* "[eventfd]" for an anonymous inode, NULL for any other inode. */
const char *anon_name(const struct inode *ino);
/* The stat slot every kind uses. */
int anon_stat(struct inode *ino, struct vfs_stat *st);
/* The open slot every kind uses: reopening through /proc is ENXIO. */
int anon_open(struct inode *ino, unsigned flags);
