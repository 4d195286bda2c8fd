/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_inet's private interface: the port layer (sys_arch.c) and the
 * stack's self-tests (selftest.c), shared by the service's files.
 */
#pragma once

#include <klib/types.h>
#include <kevlar_vfs/service.h>

/* sys_arch.c: the instance the port's objects belong to, set once by
 * the mount before lwIP starts (0 or -ENOMEM). */
int kevlar_inet_port_init(struct vfs_sb *sb);
struct svc_cap kevlar_inet_cap(void);
/* The tcpip thread's svc_thread_self() (0 before it runs). */
uintptr_t kevlar_inet_tcpip_thread(void);

/* sys_arch.c: the one function of libc/stdlib.h (netif.c's) */
int atoi(const char *s);

/* selftest.c: inet_ops.selftest */
int kevlar_inet_selftest(struct vfs_sb *sb, unsigned test);
