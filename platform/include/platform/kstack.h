/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel stacks with guard pages.  A thread's kernel stack is KSTACK_SIZE
 * bytes mapped in a window of its own with unmapped memory below it, so an
 * overflow faults (a double fault, reported as a kernel stack overflow)
 * instead of silently overwriting whatever lies below.
 */
#pragma once

#include <klib/compiler.h>

#define KSTACK_SIZE (16 * 1024)

/* A zeroed kernel stack: its base (lowest address); the top is base +
 * KSTACK_SIZE.  NULL when out of memory or stack slots.  May not sleep. */
void *kstack_alloc(void) __must_check;
/* Free a stack from kstack_alloc(); no CPU may be running on it. */
void kstack_free(void *base);
