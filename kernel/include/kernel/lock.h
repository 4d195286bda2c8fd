/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Advisory file locks, as Linux keeps them (flock(2), fcntl(2) record and
 * open-file-description locks).  Three owners:
 *
 *   flock   the open file description (struct file): whole-file shared or
 *           exclusive, converted in place, gone with the file's last
 *           reference.  Never conflicts with the other two kinds.
 *   POSIX   the descriptor table (the process): byte ranges, split and
 *           merged per owner, gone on ANY close of a descriptor of the
 *           inode by that table, and when the table goes (exit).
 *   OFD     the open file description: byte ranges like POSIX, conflicting
 *           with POSIX locks (even the same process's), gone with the file.
 *
 * Locks live on the inode's lock context (kernel/fs/lock.c); every call
 * here may sleep (allocation, and the waits) and takes no lock of the
 * caller's.  A wait ends with -ERESTARTSYS on a signal.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

struct file;
struct inode;

#define LOCK_OFFSET_MAX INT64_MAX /* a range's end "to end of file" */

/* A byte range [start, end] (inclusive) of F_RDLCK, F_WRLCK or F_UNLCK. */
struct lock_range {
	int type;
	int64_t start, end;
	int pid; /* lock_posix_test: the holder's pid, -1 for an OFD lock */
	/* lock_posix_set: the file it is set through (only compared, for
	 * fdinfo), or NULL */
	const struct file *file;
};

/*
 * flock(2) on `f`: `type` F_RDLCK (LOCK_SH), F_WRLCK (LOCK_EX) or F_UNLCK.
 * A conversion drops the old lock first (as Linux: not atomic).  0,
 * -EWOULDBLOCK (conflict, !wait), -ERESTARTSYS, -ENOMEM.
 */
int lock_flock(struct file *f, int type, bool wait) __must_check;

/*
 * F_GETLK/F_OFD_GETLK: the first lock on `inode` that conflicts with `r`
 * for `owner` (the descriptor table, or the file for OFD) replaces *r;
 * r->type becomes F_UNLCK when none does.
 */
void lock_posix_test(struct inode *inode, const void *owner, struct lock_range *r);

/*
 * F_SETLK(W)/F_OFD_SETLK(W): make `owner`'s locks over r's range r->type
 * (F_UNLCK removes them).  `ofd` for an OFD owner (a struct file), else a
 * POSIX owner (a descriptor table) recorded with `pid`.  0, -EAGAIN
 * (conflict, !wait), -EDEADLK (waiting would close a cycle of POSIX
 * owners), -ERESTARTSYS, -ENOMEM.
 */
int lock_posix_set(struct inode *inode, const void *owner, bool ofd, int pid,
		   const struct lock_range *r, bool wait) __must_check;

/* A descriptor of `inode` in table `owner` is being closed: drop the
 * table's POSIX locks on it. */
void lock_close_posix(struct inode *inode, const void *owner);

/* The last reference to `f` is going: drop its flock and OFD locks. */
void lock_release_file(struct file *f);

/*
 * The locks /proc/<pid>/fdinfo shows for `f` in the descriptor table
 * `table`: its flock and OFD locks, and the table's POSIX locks set
 * through `f`, one "lock:\t" line each as /proc/locks words them; `dev`
 * and `ino` as stat(2) gives them.  Into buf (at most `size` bytes): their
 * full length.
 */
int lock_show_fdinfo(struct file *f, const void *table, uint64_t dev, uint64_t ino, char *buf,
		     size_t size);
