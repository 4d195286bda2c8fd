/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * inotify instances (kernel/fs/inotify.c); the events come from the VFS
 * through kernel/fsnotify.h.  The system calls are in
 * kernel/syscalls/inotify.c.
 */
#pragma once

#include <klib/types.h>

struct file;
struct inode;

/* /proc/sys/fs/inotify/: per real uid, as Linux's defaults (atomic). */
extern int inotify_max_user_instances, inotify_max_user_watches, inotify_max_queued_events;

/* A new instance as an open file (O_NONBLOCK from `flags`): 0, -EMFILE
 * (max_user_instances), -ENOMEM. */
int inotify_new(unsigned flags, struct file **out);
/* read(2) of 0 bytes from instance `f`, which the VFS would answer 0:
 * as Linux, -EINVAL once an event is queued (waiting for one unless
 * O_NONBLOCK: -EAGAIN), -ERESTARTSYS. */
long inotify_read_empty(struct file *f);
/* Is `f` an inotify instance? */
bool inotify_is(const struct file *f);
/* Watch `target` for the IN_* events and flags of `mask` (checked by the
 * caller): the watch descriptor (the inode's existing one, its mask
 * replaced or, with IN_MASK_ADD, extended), -EEXIST (IN_MASK_CREATE on a
 * watched inode), -ENOSPC (max_user_watches), -ENOMEM. */
int inotify_add(struct file *f, struct inode *target, uint32_t mask);
/* Remove watch `wd` (IN_IGNORED is queued): 0 or -EINVAL. */
int inotify_rm(struct file *f, int wd);
