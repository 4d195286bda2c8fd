/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal helpers shared by the system call files. */
#pragma once

#include <kernel/file.h>
#include <kernel/process.h>

/* The calling process's descriptor table, or NULL (a kernel thread). */
static inline struct opened_file_table *fdt(void)
{
	struct process *p = current_process();

	return p ? p->files : NULL;
}

/* fcntl's record lock commands (lock.c) and owner/signal commands
 * (fcntl_owner.c) on `f`: the fcntl result or -errno. */
long fcntl_lock(struct file *f, int cmd, void __user *arg);
long fcntl_owner(struct file *f, int cmd, uint64_t arg);

/* The file at `fd` with a new reference (file_put it), or NULL: -EBADF. */
static inline struct file *get_file(int fd)
{
	struct opened_file_table *t = fdt();

	return t ? fdtable_get(t, fd) : NULL;
}
