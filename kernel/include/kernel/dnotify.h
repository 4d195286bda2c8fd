/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Directory notification (fcntl F_NOTIFY, "dnotify"): a process asks to
 * be signalled when entries of a directory it holds open are created,
 * removed or renamed.  kernel/fs/dnotify.c.
 */
#pragma once

#include <klib/types.h>

struct file;
struct inode;

extern int dnotify_nmarks; /* marks in the system: 0 lets the VFS skip the calls */

static inline bool dnotify_active(void)
{
	return READ_ONCE(dnotify_nmarks) != 0;
}

/* /proc/sys/fs/dir-notify-enable: 0 makes F_NOTIFY EINVAL. */
extern int dnotify_enable;
/* fcntl(fd, F_NOTIFY, arg) on `f`: register (or with no event bits,
 * drop) the caller's interest.  0, -ENOTDIR (not a directory), -ENOMEM, -EINVAL
 * (disabled).
 * May not sleep. */
long dnotify_fcntl(struct file *f, int fd, uint64_t arg);
/* Something happened in `dir` (DN_CREATE, DN_DELETE, DN_RENAME): signal
 * every registered owner whose mask has it. */
void dnotify_event(struct inode *dir, unsigned long event);
/* The last reference to `f` is gone: drop its registration. */
void dnotify_release(struct file *f);
