/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* KTAP suite `inet`'s helper, shared by its two files. */
#pragma once

#include <platform/ktest.h>

struct vfs_sb;

/* The stack's instance, or NULL (a failed expectation): inet_ktest.c */
struct vfs_sb *inet_ktest_stack(struct ktest_ctx *t);
