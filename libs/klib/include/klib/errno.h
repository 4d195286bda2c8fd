/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Linux errno numbers, from Linux's own UAPI headers, and ERR_PTR helpers. */
#pragma once

#include <asm-generic/errno.h>
#include <klib/compiler.h>
#include <klib/types.h>

#define MAX_ERRNO 4095

/* Kernel-internal: never seen by user space.  A sleep a signal ended; the
 * system call exit path turns it into EINTR, or restarts the call (after a
 * handler with SA_RESTART, or when no handler ran), as Linux does. */
#define ERESTARTSYS    512
#define ERESTARTNOINTR 513 /* restart even after a handler (a PI lock) */
#define ERESTARTNOHAND 514 /* restart only if no handler ran (pause, sigsuspend: EINTR) */

static inline void *ERR_PTR(long err)
{
	return (void *)(uintptr_t)err; /* NOLINT(performance-no-int-to-ptr) */
}
static inline long PTR_ERR(const void *p)
{
	return (long)(intptr_t)p;
}
static inline bool IS_ERR(const void *p)
{
	return (uintptr_t)p >= (uintptr_t)-MAX_ERRNO;
}
static inline bool IS_ERR_OR_NULL(const void *p)
{
	return !p || IS_ERR(p);
}
