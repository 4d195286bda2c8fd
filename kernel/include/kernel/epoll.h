/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * epoll (kernel/fs/epoll.c): an epoll instance is a FileLike; the system
 * calls (kernel/syscalls/epoll.c) reach it through these.
 */
#pragma once

#include <klib/types.h>

struct file;

/* A new epoll instance as an open file (O_RDWR | `flags`), or NULL (no
 * memory). */
struct file *epoll_file_new(unsigned flags);
bool is_epoll_file(const struct file *f);
/* EPOLL_CTL_ADD/MOD/DEL of (tf, fd) on the epoll `ef` with the EPOLL*
 * `events` and `data` (ignored for DEL).  0, or -EEXIST, -ENOENT, -EPERM (tf cannot be polled), -EINVAL,
 * -ELOOP, -ENOMEM.  Sleeps. */
int epoll_ctl_file(struct file *ef, int op, struct file *tf, int fd, unsigned events,
		   uint64_t data);
/* Wait for events on the epoll `ef` until `deadline` (time_ns(); 0: do
 * not wait; UINT64_MAX: forever): how many were stored at `uevents` (at
 * most `max`), or -EINTR, -EFAULT. */
long epoll_wait_file(struct file *ef, void __user *uevents, int max, uint64_t deadline);
/* The final close of `f`: drop its registrations in every epoll. */
void eventpoll_release(struct file *f);
