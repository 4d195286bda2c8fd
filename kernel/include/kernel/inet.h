/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TCP/IP stack as ring 1 sees it: one instance of the ring-2 service
 * "inet" (services/kevlar_inet: lwIP and its port), started at first use,
 * and the wrappers that call into it (kernel/fs/dispatch_inet.c).
 */
#pragma once

struct vfs_sb;
struct inet_ifconf;
struct inet_ifstate;
struct inet_iftest_arg;

/* The stack's instance, started on first use (may sleep): the instance,
 * or an ERR_PTR (-ENODEV: no stack in the image, -ENOMEM, -EIO: it faulted
 * while starting), the same error at every later call.  A failed instance
 * stays the instance: its calls give -EIO (lwIP keeps global state, so it
 * is not restarted). */
struct vfs_sb *inet_instance(void);

/* inet_ops.selftest through a contained crossing: 0, -errno, -EIO (the
 * stack faulted now or before). */
int inet_selftest(struct vfs_sb *sb, unsigned test);

/* inet_ops.ifconfig, .ifstate, .iftest (kevlar_vfs/inet.h) through a
 * contained crossing: their results, or -EIO (the stack faulted). */
int inet_ifconfig(struct vfs_sb *sb, const struct inet_ifconf *conf);
int inet_ifstate(struct vfs_sb *sb, const char *ifname, struct inet_ifstate *st);
int inet_iftest(struct vfs_sb *sb, unsigned test, struct inet_iftest_arg *arg);

/* Boot: the kernel command line's ip= option (Linux's syntax subset
 * "dhcp" and "<client>::<gw>:<netmask>::<dev>:off"): start the stack and
 * configure the device, waiting a bounded time for DHCP.  Nothing (and
 * the stack stays unstarted) without ip=.  May sleep. */
void inet_boot_config(void);
