/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal helpers shared by the system call files. */
#pragma once

#include <kernel/file.h>
#include <kernel/process.h>

/* A write to a pipe or socket without readers: SIGPIPE to the caller, as
 * Linux; returns n (fd.c). */
ssize_t sigpipe(ssize_t n);
/* fcntl F_GETPIPE_SZ / F_SETPIPE_SZ (pipe.c): -EBADF if f is no pipe. */
long fcntl_pipe_size(struct file *f, int cmd, unsigned arg);
/* The file at `fd` for I/O with a new reference, or NULL (-EBADF) also for
 * an O_PATH descriptor, as Linux's fdget() answers the data calls
 * (splice.c). */
struct file *get_io_file(int fd);

/* The calling process's descriptor table, or NULL (a kernel thread). */
static inline struct opened_file_table *fdt(void)
{
	struct process *p = current_process();

	return p ? p->files : NULL;
}

/* The file at `fd` with a new reference (file_put it), or NULL: -EBADF. */
static inline struct file *get_file(int fd)
{
	struct opened_file_table *t = fdt();

	return t ? fdtable_get(t, fd) : NULL;
}
