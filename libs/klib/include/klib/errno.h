/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Linux errno numbers, from Linux's own UAPI headers, and ERR_PTR helpers. */
#pragma once

#include <asm-generic/errno.h>
#include <klib/compiler.h>
#include <klib/types.h>

#define MAX_ERRNO 4095

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
