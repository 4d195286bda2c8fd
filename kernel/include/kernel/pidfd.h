/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * pidfds (kernel/process/pidfd.c): descriptors naming a process.
 */
#pragma once

#include <klib/types.h>

struct process;

/* A process became a zombie (or was reaped): pidfd pollers re-check.
 * Holds no lock; call with none held. */
void pidfd_notify(void);
/* The process behind pidfd `fd`, with a reference (process_put), and the
 * file's O_* flags in *flags; NULL with *err -EBADF when `fd` is no open
 * pidfd. */
struct process *pidfd_process(int fd, unsigned *flags, long *err);
/* clone(CLONE_PIDFD): a close-on-exec pidfd of the caller's new child
 * `pid` in the caller's table: the fd, or -errno (-ESRCH if the child is
 * already gone). */
long pidfd_of_child(int pid);
