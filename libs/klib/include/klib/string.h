/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The C string and memory functions, freestanding.  Same contracts as ISO C
 * (the compiler emits calls to memcpy/memset/memmove/memcmp on its own).
 */
#pragma once

#include <klib/types.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* BSD strlcpy: copies at most size-1 bytes, always NUL-terminates when
 * size > 0, returns strlen(src). */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

/*
 * Parse an unsigned integer in base 10, 16 (0x prefix or base 16) or 8
 * (leading 0 with base 0).  Parses all of `s` (a trailing '\n' is allowed):
 * returns 0, or -EINVAL on an empty string or a stray character, or -ERANGE
 * on overflow (checked first, as on Linux).  No sign or whitespace is
 * accepted.  `base` is 0 (auto), 8, 10 or 16; *res is written only on
 * success.
 */
int __attribute__((warn_unused_result))
kstrtoull(const char *s, unsigned base, unsigned long long *res);
