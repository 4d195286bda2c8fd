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

struct path_component;
/* Resolve the user path `upath` relative to `dirfd` (RESOLVE_* `rflags`):
 * the whole chain, a new reference.  With `empty_ok` (AT_EMPTY_PATH) an
 * empty path names dirfd itself, any open file.  0 or -errno. */
long resolve_at(int dirfd, uint64_t upath, unsigned rflags, bool empty_ok,
		struct path_component **out);

/* The file at `fd` with a new reference (file_put it), or NULL: -EBADF. */
static inline struct file *get_file(int fd)
{
	struct opened_file_table *t = fdt();

	return t ? fdtable_get(t, fd) : NULL;
}
