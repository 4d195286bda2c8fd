/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Access to user memory.  A user pointer is `__user` and is dereferenced
 * only here: sparse rejects any other use.  Each call checks that the
 * range lies in user space (access_ok, except in the ludicrous profile,
 * which relies on the fault fixup alone) and recovers from page faults
 * through the exception table: a bad pointer gives -EFAULT, never a crash.
 * These may sleep later (demand paging); call them without spinlocks held.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

/* A user pointer from a syscall argument register.  The one sanctioned
 * integer-to-pointer conversion for ring 1: the result is `__user`, so it
 * can only be handed to the functions below. */
static inline void __user *uptr(uint64_t reg)
{
	return (void __user *)(uintptr_t)reg;
}

/* true if [p, p+n) lies entirely in user space (no wrap-around). */
bool access_ok(const void __user *p, size_t n);

/* 0 on success, -EFAULT if any byte could not be copied. */
int copy_from_user(void *dst, const void __user *src, size_t n) __must_check;
int copy_to_user(void __user *dst, const void *src, size_t n) __must_check;
int clear_user(void __user *dst, size_t n) __must_check;

/* Atomically: *cur = *p; if it equals old, *p = new (a locked
 * compare-and-exchange, visible to every CPU; futexes build their atomic
 * updates of user words on it).  0, or -EFAULT for a misaligned, unmapped
 * or read-only word. */
int cmpxchg_user_u32(uint32_t __user *p, uint32_t old, uint32_t new, uint32_t *cur) __must_check;

/* Copy as much of n bytes as the user pages allow, stopping at the first
 * byte that faults: the number of bytes copied, n on success, 0 for a range
 * outside user space.  read(2) and write(2) use these to report a partial
 * transfer as Linux does.  copy_from_user_upto zeroes the uncopied tail of
 * dst. */
size_t copy_to_user_upto(void __user *dst, const void *src, size_t n) __must_check;
size_t copy_from_user_upto(void *dst, const void __user *src, size_t n) __must_check;

/* Copy a NUL-terminated string of at most n-1 characters into dst (always
 * NUL-terminated).  Returns its length, -ENAMETOOLONG if it has no NUL in
 * the first n bytes, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, size_t n) __must_check;

/* Typed helpers for one value. */
#define get_user(x, ptr) copy_from_user(&(x), (ptr), sizeof(*(ptr)))
#define put_user(x, ptr)                                      \
	({                                                    \
		__typeof__(*(ptr)) __pu_v = (x);              \
		copy_to_user((ptr), &__pu_v, sizeof(__pu_v)); \
	})
