/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Kernel command line parsing.  The command line is a whitespace-separated
 * list of `key` or `key=value` parameters; a value may be double-quoted to
 * contain spaces ("key=\"a b\"" gives `a b`).  An unterminated quote runs to
 * the end of the line; anything between a closing quote and the next space
 * is dropped.  Keys are matched exactly; a parameter with an empty key
 * ("=x") is skipped.  When a key appears several times the last one wins,
 * as on Linux.  A NULL command line is an empty one.  Nothing here writes
 * to the command line or allocates.
 */
#pragma once

#include <klib/types.h>

/* Calls `fn(key, klen, value, vlen, ctx)` for each parameter in order;
 * value is NULL (vlen 0) for a bare `key`.  Stops early and returns what
 * `fn` returned when it returns non-zero; else returns 0. */
typedef int (*cmdline_fn)(const char *key, size_t klen, const char *val, size_t vlen, void *ctx);
int cmdline_foreach(const char *cmdline, cmdline_fn fn, void *ctx);

/* true if `key` is present, with or without a value. */
bool cmdline_has(const char *cmdline, const char *key);

/* Copy the value of the last `key` into buf (NUL-terminated, quotes
 * removed).  Returns the value's length, -ENOENT if absent or if the last
 * one is bare, -ENAMETOOLONG if it does not fit in `size` (buf then holds a
 * truncated copy, unless size is 0). */
int cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

/* Value of `key` as an unsigned number (kstrtoull, base 0); -ENOENT if
 * absent or bare, -EINVAL/-ERANGE on a bad number (a value over 63
 * characters is -ERANGE).  *res is written only on success. */
int cmdline_get_ull(const char *cmdline, const char *key, unsigned long long *res);
