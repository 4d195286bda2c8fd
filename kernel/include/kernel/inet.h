/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TCP/IP stack as ring 1 sees it: one instance of the ring-2 service
 * "inet" (services/kevlar_inet: lwIP and its port), started at first use,
 * and the wrappers that call into it (kernel/fs/dispatch_inet.c).
 */
#pragma once

struct vfs_sb;

/* The stack's instance, started on first use (may sleep): the instance,
 * or an ERR_PTR (-ENODEV: no stack in the image, -ENOMEM, -EIO: it faulted
 * while starting), the same error at every later call.  A failed instance
 * stays the instance: its calls give -EIO (lwIP keeps global state, so it
 * is not restarted). */
struct vfs_sb *inet_instance(void);

/* inet_ops.selftest through a contained crossing: 0, -errno, -EIO (the
 * stack faulted now or before). */
int inet_selftest(struct vfs_sb *sb, unsigned test);
