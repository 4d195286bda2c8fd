/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* KTAP suite `inet`'s helper, shared by its two files. */
#pragma once

#include <platform/ktest.h>

struct vfs_sb;

/* The stack's instance, or NULL (a failed expectation): inet_ktest.c */
struct vfs_sb *inet_ktest_stack(struct ktest_ctx *t);

/* The stack, with eth0 configured by DHCP (once) when `ifname` is "eth0";
 * NULL when the NIC is missing (the test is skipped) or on a failed
 * expectation: inet_if_ktest.c */
struct vfs_sb *inet_ktest_stack_on(struct ktest_ctx *t, const char *ifname);
