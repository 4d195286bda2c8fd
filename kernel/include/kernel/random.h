/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel's cryptographically secure random number generator: ChaCha20
 * (RFC 8439) in "fast key erasure" form, keyed from the platform's entropy
 * (platform/random.h) at first use and re-keyed from it periodically.  It
 * never blocks: it is seeded before its first output, so the "not yet
 * initialized" states of getrandom(2) and /dev/random do not arise.
 * Callable from any context, interrupts on or off; only the iobuf variant
 * may sleep (it copies to user memory).
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <kevlar_vfs/types.h>

/* Fill buf[0..len) with random bytes. */
void random_bytes(void *buf, size_t len);

/* Fill the whole iobuf (user or kernel memory) with random bytes: the
 * count, or -EFAULT if not even the first chunk could be stored (a partial
 * count when a later one faults).  May sleep. */
ssize_t random_read_iobuf(struct iobuf *b) __must_check;

/* Stir caller-supplied bytes into the key (writes to /dev/random).  They
 * are never trusted to add entropy, only hashed in. */
void random_mix(const void *buf, size_t len);
