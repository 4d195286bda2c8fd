/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Readiness: how poll(2), select(2), epoll and blocking I/O learn that a
 * FileLike became ready.
 *
 * A FileLike's poll op (libs/kevlar_vfs/include/kevlar_vfs/inode.h)
 * answers which events are ready now and, first, hands the poll table it
 * was given to every wait queue it wakes when that answer may change:
 *
 *   static unsigned pipe_poll(struct inode *ino, unsigned events,
 *                             unsigned flags, struct poll_table *pt)
 *   {
 *           poll_wait(pt, &pipe->readers);        (pt may be NULL)
 *           return pipe_has_data(pipe) ? POLLIN : 0;
 *   }
 *
 * and whoever changes that readiness calls poll_wake() on the same queue
 * (which also wakes the queue's ordinary sleepers, wq_sleep_*).
 *
 * Interim implementation (until the readiness rework of issue 11 lands):
 * poll_wait() registers nothing and pollers sleep on one kernel-wide
 * queue, re-checking every file when any poll_wake()/poll_notify()
 * happens, and every POLL_RECHECK_NS for files that do not notify.
 */
#pragma once

struct poll_table;
struct waitqueue;

#define POLL_RECHECK_NS 20000000ull /* 20 ms */

/* In a poll op: be woken (through `pt`) when `wq` is woken.  `pt` may be
 * NULL (the caller only asks).  Called before readiness is computed, so a
 * change after the computation is never missed. */
void poll_wait(struct poll_table *pt, struct waitqueue *wq);
/* Readiness of the file(s) behind `wq` changed: wake `wq`'s sleepers and
 * every poll table registered on it.  `events`: the POLL* bits now
 * ready, as a hint (0: unknown; epoll re-asks the file either way). */
void poll_wake(struct waitqueue *wq, unsigned events);
/* Readiness of some file changed, on no particular queue: wake every
 * poll(2) sleeper (interim; FileLikes move to poll_wake). */
void poll_notify(void);
