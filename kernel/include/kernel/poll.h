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
 * (which also wakes the queue's ordinary sleepers, wq_sleep_*).  A file
 * whose readiness never changes (regular files, procfs) has no poll op
 * and is always ready.
 *
 * poll_wait() calls the table's queue function: poll(2) and select(2)
 * (struct poll_wqueues below) link one callback entry per queue, which
 * wakes the polling thread; epoll links its own (kernel/fs/epoll.c).  No
 * one re-checks on a timer.
 */
#pragma once

#include <klib/types.h>
#include <kernel/waitqueue.h>

struct file;
struct inode;
struct poll_table;
struct thread;

/* Register `pt`'s interest in `wq` (called by poll_wait). */
typedef void (*poll_queue_fn)(struct poll_table *pt, struct waitqueue *wq);

struct poll_table {
	poll_queue_fn queue; /* NULL: register nothing (a re-check) */
	struct file *file;   /* the file being asked: entries hold a reference */
	unsigned key;	     /* the events asked for (POLLERR | POLLHUP included) */
	/* an inode whose queues outlive the file only while it is held (a
	 * poll op that forwards, as /dev/tty to the controlling terminal,
	 * sets it around the forwarded call): entries hold a reference */
	struct inode *pin;
};

/* In a poll op: be woken (through `pt`) when `wq` is woken.  `pt` may be
 * NULL (the caller only asks).  Called before readiness is computed, so a
 * change after the computation is never missed.  May sleep (allocates). */
void poll_wait(struct poll_table *pt, struct waitqueue *wq);
/* Readiness of the file(s) behind `wq` changed: wake `wq`'s sleepers and
 * every poll table and epoll registered on it.  `events`: the POLL* bits
 * now ready, as a hint (0: unknown).  Takes wq->lock; may be called from
 * interrupts, never holding a wait queue lock. */
void poll_wake(struct waitqueue *wq, unsigned events);

/* ---- poll(2) and select(2)'s table: one thread sleeping on many queues ---- */

#define POLL_INLINE_ENTRIES 8

struct poll_entry {
	struct wq_waiter w;
	struct waitqueue *wq;
	struct file *file; /* a reference, so `wq` outlives the entry */
	struct inode *pin; /* a reference, or NULL */
	struct poll_wqueues *pw;
	unsigned key;
};

struct poll_chunk;

struct poll_wqueues {
	struct poll_table pt;
	struct thread *thread;
	int triggered; /* atomic: a registered queue was woken */
	int error;     /* -ENOMEM: an entry could not be made */
	unsigned ninline;
	struct poll_entry inline_entries[POLL_INLINE_ENTRIES];
	struct poll_chunk *chunks;
};

void poll_wqueues_init(struct poll_wqueues *pw);
/* Unlink every entry and drop its file reference. */
void poll_wqueues_free(struct poll_wqueues *pw);
/* Sleep until a registered queue is woken (0), `deadline` (time_ns(),
 * 0: none) passes (-ETIMEDOUT) or a signal comes (-ERESTARTSYS). */
long poll_wqueues_sleep(struct poll_wqueues *pw, uint64_t deadline);
