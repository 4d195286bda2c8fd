/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal helpers shared by the system call files. */
#pragma once

#include <kernel/file.h>
#include <kernel/syscall.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include <kernel/process.h>
#include <kernel/sched.h>

/* A write to a pipe or socket without readers: SIGPIPE to the caller, as
 * Linux; returns n (fd.c). */
ssize_t sigpipe(ssize_t n);
/* RLIMIT_FSIZE for a write of b->len bytes to `f` at `off` (its end with
 * O_APPEND): 0 with b->len trimmed to the limit, or -EFBIG and SIGXFSZ when
 * `off` is at or past it.  Regular files only (fd.c). */
int file_write_limit(struct file *f, uint64_t off, struct iobuf *b);
/* fcntl F_GETPIPE_SZ / F_SETPIPE_SZ (pipe.c): -EBADF if f is no pipe. */
long fcntl_pipe_size(struct file *f, int cmd, unsigned arg);
/* The file at `fd` for I/O with a new reference, or NULL (-EBADF) also for
 * an O_PATH descriptor, as Linux's fdget() answers the data calls
 * (splice.c). */
struct file *get_io_file(int fd);

/* prctl's capability and securebits options (cred.c): KEEPCAPS,
 * CAPBSET_READ/DROP, CAP_AMBIENT, SECUREBITS; -EINVAL for any other. */
long cred_prctl(const struct syscall_args *a);

/* The calling thread's descriptor table, or NULL (a kernel thread). */
static inline struct opened_file_table *fdt(void)
{
	return current_thread()->files;
}

/* fcntl's record lock commands (lock.c) and owner/signal commands
 * (fcntl_owner.c) on `f`: the fcntl result or -errno. */
long fcntl_lock(struct file *f, int cmd, void __user *arg);
long fcntl_owner(struct file *f, int cmd, uint64_t arg);

/* The file at `fd` with a new reference (file_put it), or NULL: -EBADF. */
static inline struct file *get_file(int fd)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;

	if (!t->files)
		return NULL;
	/* the process's only thread: its table changes by no other hand;
	 * the process holds a reference of its own to its leader's table */
	if (__atomic_load_n(&p->live_threads, __ATOMIC_RELAXED) == 1)
		return fdtable_get_own(t->files, fd, 1 + (READ_ONCE(p->files) == t->files));
	return fdtable_get(t->files, fd);
}

/* The inode `f` was opened by: for a pipe or device opened through a FIFO
 * or device node (kernel/fs/special.c) that is the node, which fstat and
 * the xattr calls describe, as on Linux; else the file's own inode. */
static inline struct inode *file_node(const struct file *f)
{
	return f->path && vfs_is_special(f->path->inode) ? f->path->inode : f->inode;
}

/* ---- path arguments (fs.c) ---- */

struct path_component;

/* Resolve the user path `upath` relative to `dirfd` (AT_FDCWD: the working
 * directory) with RESOLVE_* `rflags`; an empty path names dirfd itself
 * when `empty_ok`, else gives -ENOENT.  New reference in *out. */
long resolve_at(int dirfd, uint64_t upath, unsigned rflags, bool empty_ok,
		struct path_component **out);

/* The parent directory and final name of a user path (for the mutations). */
struct parent {
	char *path;
	struct path_component *dir;
	const char *name;
	size_t len; /* 0: the path has no final name ("/" or ending in "/.") */
	bool trailing_slash;
};

/* Fill *pr for `upath` relative to `dirfd`: 0 or -errno; parent_end()
 * releases it after success. */
long parent_at(int dirfd, uint64_t upath, struct parent *pr);
void parent_end(struct parent *pr);
/* The final name is "." or "..". */
bool is_dots(const struct parent *pr);
/* rename.c: -EBUSY if a rename from `from` to `to` would move or replace a
 * mount point, else 0; renameat2's RENAME_EXCHANGE of the two names. */
long rename_busy(const struct parent *from, const struct parent *to);
long rename_exchange(const struct parent *from, const struct parent *to);
unsigned current_umask(void);
