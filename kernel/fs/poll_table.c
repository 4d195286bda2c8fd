/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The readiness mechanism (kernel/poll.h): poll_wait hands a wait queue
 * to the asking poll table, poll_wake wakes a queue with a hint of the
 * events now ready.
 *
 * poll(2) and select(2) use a poll_wqueues: on the first round over the
 * descriptors every queue a poll op names gets one callback entry (with a
 * reference to the file, so the queue outlives it); later rounds register
 * nothing.  A wake-up of any of those queues whose hint overlaps the
 * events asked sets `triggered` and wakes the thread, which then asks
 * every file again.  The entries go when the call ends.
 *
 * Ordering: the sleeper marks itself sleeping, then (full fence) reads
 * `triggered`; the callback stores `triggered`, then takes the run queue
 * lock in thread_wake (a full barrier) to read the sleeper's state: one of
 * the two sees the other, so no wake-up is lost.
 */
#include <klib/errno.h>
#include <linux/poll.h>
#include <platform/kmalloc.h>
#include <kevlar_vfs/service.h>
#include <kernel/vfs.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

#define POLL_CHUNK_ENTRIES 32

struct poll_chunk {
	struct poll_chunk *next;
	unsigned n;
	struct poll_entry e[POLL_CHUNK_ENTRIES];
};

void poll_wait(struct poll_table *pt, struct waitqueue *wq)
{
	if (pt && pt->queue && wq)
		pt->queue(pt, wq);
}

void poll_wake(struct waitqueue *wq, unsigned events)
{
	wq_wake_events(wq, events);
}

static bool pollwake(struct wq_waiter *w, unsigned events, struct wq_deferred **defer)
{
	struct poll_entry *e = container_of(w, struct poll_entry, w);
	struct poll_wqueues *pw = e->pw;

	(void)defer;
	if (events && !(events & e->key))
		return false;
	__atomic_store_n(&pw->triggered, 1, __ATOMIC_SEQ_CST);
	thread_wake(pw->thread);
	return true;
}

static struct poll_entry *entry_new(struct poll_wqueues *pw)
{
	struct poll_chunk *c = pw->chunks;

	if (pw->ninline < POLL_INLINE_ENTRIES)
		return &pw->inline_entries[pw->ninline++];
	if (!c || c->n == POLL_CHUNK_ENTRIES) {
		c = kmalloc(sizeof(*c));
		if (!c)
			return NULL;
		c->n = 0;
		c->next = pw->chunks;
		pw->chunks = c;
	}
	return &c->e[c->n++];
}

static void queue_entry(struct poll_table *pt, struct waitqueue *wq)
{
	struct poll_wqueues *pw = container_of(pt, struct poll_wqueues, pt);
	struct poll_entry *e = entry_new(pw);

	if (!e) {
		pw->error = -ENOMEM;
		return;
	}
	*e = (struct poll_entry){
		.w = {.func = pollwake},
		.wq = wq,
		.file = pt->file ? file_get(pt->file) : NULL,
		.pin = pt->pin,
		.pw = pw,
		.key = pt->key,
	};
	if (e->pin)
		inode_get(e->pin);
	wq_add_entry(wq, &e->w);
}

void poll_wqueues_init(struct poll_wqueues *pw)
{
	pw->pt = (struct poll_table){.queue = queue_entry};
	pw->thread = current_thread();
	pw->triggered = 0;
	pw->error = 0;
	pw->ninline = 0;
	pw->chunks = NULL;
}

static void entry_free(struct poll_entry *e)
{
	wq_remove_entry(e->wq, &e->w);
	inode_put(e->pin);
	file_put(e->file);
}

void poll_wqueues_free(struct poll_wqueues *pw)
{
	for (unsigned i = 0; i < pw->ninline; i++)
		entry_free(&pw->inline_entries[i]);
	while (pw->chunks) {
		struct poll_chunk *c = pw->chunks;

		for (unsigned i = 0; i < c->n; i++)
			entry_free(&c->e[i]);
		pw->chunks = c->next;
		kfree(c);
	}
	pw->ninline = 0;
}

static long triggered(void *arg)
{
	struct poll_wqueues *pw = arg;

	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* marked sleeping before the read */
	return __atomic_exchange_n(&pw->triggered, 0, __ATOMIC_SEQ_CST);
}

long poll_wqueues_sleep(struct poll_wqueues *pw, uint64_t deadline)
{
	struct waitqueue self;
	long r;

	wq_init(&self); /* nobody else wakes it: the entries wake the thread */
	r = wq_sleep_signalable_deadline(&self, triggered, pw, deadline);
	return r > 0 ? 0 : r;
}
