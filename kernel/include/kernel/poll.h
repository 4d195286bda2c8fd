/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * poll(2) support.  Pollers sleep on one kernel-wide queue and re-check
 * every file when woken; a FileLike whose readiness changed calls
 * poll_notify() to wake them at once.  FileLikes that do not (yet) notify
 * are seen by the periodic re-check (POLL_RECHECK_NS).
 */
#pragma once

#define POLL_RECHECK_NS 20000000ull /* 20 ms */

/* Readiness of some file changed: wake every poll(2) sleeper. */
void poll_notify(void);
