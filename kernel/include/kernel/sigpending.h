/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * RLIMIT_SIGPENDING accounting, per user as Linux keeps it: every pending
 * signal instance that carries a siginfo (a slot or a queue entry, and
 * each POSIX timer's reserved signal) is charged to the real uid of the
 * process it is queued for, and checked against that process's limit.
 * The instance remembers the counter it was charged to (a handle), so a
 * set*uid between queueing and dequeueing uncharges the right user.
 *
 * Lock-free: charges happen under a process's siglock (a leaf lock), so
 * the counters are atomics in a table of uids that never loses an entry
 * (a uid keeps its counter, at zero, once charged).  Past SIGQ_USERS
 * distinct uids the rest share one last counter.
 */
#pragma once

#include <klib/types.h>

/* Charge one instance to `uid`, whose limit is `limit`: a handle (> 0),
 * or 0 when it would pass the limit (Linux: count after the charge >
 * limit).  `override` charges past the limit (a standard signal from the
 * kernel or kill(): it is never refused). */
int sigpending_charge(uint32_t uid, uint64_t limit, bool override);
/* Give back a charge (`handle` 0 is none). */
void sigpending_uncharge(int handle);
/* The instances pending for `uid` (/proc/<pid>/status SigQ). */
uint64_t sigpending_count(uint32_t uid);
