/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Open files.  A `struct file` is an open file description (what open(2)
 * creates and dup(2) shares): an inode, a position, the O_* status flags.
 * The OpenedFileTable maps descriptors to files, with the close-on-exec
 * flag per descriptor; threads share it under CLONE_FILES, fork copies it.
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <kevlar_vfs/service.h>
#include <platform/spinlock.h>
#include <kernel/mutex.h>

#define FD_MAX 1024 /* RLIMIT_NOFILE's default soft limit on Linux */

struct path_component;

struct file {
	struct inode *inode;	     /* one reference */
	struct path_component *path; /* where it was opened, NULL for pipes and the console */
	unsigned flags;		     /* O_ACCMODE | O_APPEND | O_NONBLOCK | ... (pos_lock) */
	uint64_t pos;		     /* pos_lock */
	struct mutex pos_lock;
	int refs;		  /* atomic: descriptors and in-flight calls */
	bool has_pos;		  /* a regular file or directory: reads and writes move pos */
	int owner_type, owner_id; /* F_SETOWN_EX: F_OWNER_TID/PID/PGRP and its id (pos_lock) */
	int sig;		  /* F_SETSIG */
	/* epoll registrations of this file (kernel/fs/epoll.c's epmutex);
	 * ep_used: ever registered, so the final close must look */
	struct list_head ep_links;
	bool ep_used;
};

struct opened_file_table {
	struct spinlock lock; /* guards both arrays */
	struct file *files[FD_MAX];
	uint64_t cloexec[FD_MAX / 64];
	int refs;    /* atomic: processes/threads sharing it */
	int max_fds; /* RLIMIT_NOFILE's soft limit, at most FD_MAX: new fds stay below */
};

/* A file for `inode` (whose reference it takes over), or NULL. */
struct file *file_new(struct inode *inode, unsigned flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);
/* Where `f` stands in the namespace (a new reference): its path, or a
 * detached component for a file opened by no path (a pipe end, the
 * console).  NULL only when that component cannot be allocated. */
struct path_component *file_path_get(const struct file *f);

struct opened_file_table *fdtable_new(void) __must_check;
struct opened_file_table *fdtable_copy(struct opened_file_table *t) __must_check;
/* Another reference to the table (fdtable_put it). */
struct opened_file_table *fdtable_ref(struct opened_file_table *t);
void fdtable_put(struct opened_file_table *t);
/* Install `f` (taking a reference) at the lowest free fd >= min:
 * the fd, or -EMFILE. */
int fdtable_install(struct opened_file_table *t, struct file *f, int min, bool cloexec);
/* Whether a descriptor is free below the table's limit now (another thread
 * may take it before an install). */
bool fdtable_has_room(struct opened_file_table *t);
/* The file at fd with a new reference, or NULL (-EBADF for the caller). */
struct file *fdtable_get(struct opened_file_table *t, int fd);
/* The same for the table of the calling thread when it is its process's
 * only thread: lock-free while no other process shares the table either,
 * that is while it has no references but the `own` ones (the thread's,
 * and its process's when that is the same table). */
struct file *fdtable_get_own(struct opened_file_table *t, int fd, int own);
/* The file at fd without a reference, or NULL: only for a caller for
 * whom fdtable_get_own would take the lock-free path, and only until it
 * closes a descriptor itself (poll's rounds). */
struct file *fdtable_peek_own(struct opened_file_table *t, int fd);
/* Close fd: 0 or -EBADF. */
int fdtable_close(struct opened_file_table *t, int fd);
/* dup2/dup3: make `newfd` refer to oldfd's file.  newfd or -EBADF. */
int fdtable_dup_to(struct opened_file_table *t, int oldfd, int newfd, bool cloexec);
/* execve: close every descriptor marked close-on-exec. */
void fdtable_close_on_exec(struct opened_file_table *t);
/* close_range: close the descriptors in [first, last] (or, with
 * `cloexec`, mark them close-on-exec); fds past the table are ignored. */
void fdtable_close_range(struct opened_file_table *t, unsigned first, unsigned last, bool cloexec);
/* Close-on-exec flag: 0/1, or -EBADF. */
int fdtable_get_cloexec(struct opened_file_table *t, int fd);
int fdtable_set_cloexec(struct opened_file_table *t, int fd, bool on);

/* The console as a FileLike (behind /dev/console). */
struct inode *console_inode(void);
/* An open file of the console for a first process's fds 0, 1, 2, O_RDWR:
 * /dev/console when devfs is mounted there (so fstat and ttyname see the
 * device file, as on Linux), else the console itself.  NULL if out of
 * memory. */
struct file *console_file(void);
