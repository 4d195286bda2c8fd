/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of wait queue callback entries (kernel/waitqueue.h): called
 * by every wake-up with its hint and left linked, gone once removed; of
 * exclusive entries only the first that takes a wake-up is called;
 * deferred work runs after the queue lock is dropped; a poll table
 * registered on a pipe is triggered by a write; a wake-up of an empty
 * queue takes no lock, and none is lost for it between two CPUs.
 */
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <platform/ktest.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <kernel/file.h>
#include <kernel/pipe.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>

struct probe {
	struct wq_waiter w;
	struct waitqueue *wq;
	int calls;
	unsigned last_hint;
	bool take;
	struct wq_deferred d;
	bool defer, ran_unlocked;
	int deferred_runs;
};

static bool probe_fn(struct wq_waiter *w, unsigned events, struct wq_deferred **defer)
{
	struct probe *p = container_of(w, struct probe, w);

	p->calls++;
	p->last_hint = events;
	if (p->defer)
		*defer = &p->d;
	return p->take;
}

static void probe_deferred(struct wq_deferred *d)
{
	struct probe *p = container_of(d, struct probe, d);

	p->deferred_runs++;
	p->ran_unlocked = !spin_held(&p->wq->lock);
}

static void probe_init(struct probe *p, struct waitqueue *wq, unsigned flags, bool take)
{
	*p = (struct probe){.w = {.func = probe_fn, .flags = flags}, .wq = wq, .take = take};
	p->d.fn = probe_deferred;
}

KTEST(waitqueue, callback_entries_stay_until_removed)
{
	struct waitqueue wq;
	struct probe a, b;

	wq_init(&wq);
	probe_init(&a, &wq, 0, true);
	probe_init(&b, &wq, 0, false);
	wq_add_entry(&wq, &a.w);
	wq_add_entry(&wq, &b.w);
	poll_wake(&wq, POLLIN);
	KTEST_EXPECT_EQ(t, a.calls, 1);
	KTEST_EXPECT_EQ(t, b.calls, 1);
	KTEST_EXPECT_EQ(t, a.last_hint, POLLIN);
	wq_wake_all(&wq);
	KTEST_EXPECT_EQ(t, a.calls, 2);
	KTEST_EXPECT_EQ(t, a.last_hint, 0);
	wq_wake_one(&wq); /* callbacks are no sleepers: all are called */
	KTEST_EXPECT_EQ(t, b.calls, 3);
	wq_remove_entry(&wq, &a.w);
	poll_wake(&wq, POLLOUT);
	KTEST_EXPECT_EQ(t, a.calls, 3);
	KTEST_EXPECT_EQ(t, b.calls, 4);
	wq_remove_entry(&wq, &b.w);
	KTEST_EXPECT(t, list_empty(&wq.waiters));
}

KTEST(waitqueue, exclusive_entries_take_one_wakeup)
{
	struct waitqueue wq;
	struct probe shy, x1, x2, plain;

	wq_init(&wq);
	probe_init(&shy, &wq, WQ_EXCLUSIVE, false); /* declines: the next is asked */
	probe_init(&x1, &wq, WQ_EXCLUSIVE, true);
	probe_init(&x2, &wq, WQ_EXCLUSIVE, true);
	probe_init(&plain, &wq, 0, false);
	wq_add_entry(&wq, &shy.w);
	wq_add_entry(&wq, &x1.w);
	wq_add_entry(&wq, &x2.w);
	wq_add_entry(&wq, &plain.w); /* added last, still called first */
	poll_wake(&wq, POLLIN);
	KTEST_EXPECT_EQ(t, shy.calls, 1);
	KTEST_EXPECT_EQ(t, x1.calls, 1);
	KTEST_EXPECT_EQ(t, x2.calls, 0);
	KTEST_EXPECT_EQ(t, plain.calls, 1);
	wq_remove_entry(&wq, &shy.w);
	wq_remove_entry(&wq, &x1.w);
	wq_remove_entry(&wq, &x2.w);
	wq_remove_entry(&wq, &plain.w);
}

KTEST(waitqueue, deferred_work_runs_unlocked)
{
	struct waitqueue wq;
	struct probe p;

	wq_init(&wq);
	probe_init(&p, &wq, 0, true);
	p.defer = true;
	wq_add_entry(&wq, &p.w);
	poll_wake(&wq, POLLIN);
	KTEST_EXPECT_EQ(t, p.deferred_runs, 1);
	KTEST_EXPECT(t, p.ran_unlocked);
	wq_remove_entry(&wq, &p.w);
}

KTEST(waitqueue, poll_table_triggered_by_pipe_write)
{
	struct file *r, *w;
	struct poll_wqueues pw;
	struct iobuf b = {.user = false, .kbuf = (void *)"x", .len = 1};

	if (pipe_create(0, &r, &w)) {
		KTEST_EXPECT(t, !"pipe_create");
		return;
	}
	poll_wqueues_init(&pw);
	pw.pt.file = r;
	pw.pt.key = POLLIN | POLLERR | POLLHUP;
	KTEST_EXPECT_EQ(t, vfs_poll(r->inode, POLLIN, r->flags, &pw.pt), 0);
	KTEST_EXPECT_EQ(t, pw.ninline, 1u);
	KTEST_EXPECT_EQ(t, pw.triggered, 0);
	KTEST_EXPECT_EQ(t, vfs_write(w->inode, 0, &b, w->flags), 1);
	KTEST_EXPECT_EQ(t, pw.triggered, 1);
	KTEST_EXPECT_EQ(t, poll_wqueues_sleep(&pw, 1), 0); /* already triggered: no sleep */
	poll_wqueues_free(&pw);
	file_put(w);
	file_put(r);
}

KTEST(waitqueue, an_empty_queue_wakes_without_its_lock)
{
	struct waitqueue wq;
	irqflags_t f;

	wq_init(&wq);
	f = spin_lock_irqsave(&wq.lock); /* a wake-up taking it would spin forever */
	wq_wake_one(&wq);
	wq_wake_all(&wq);
	poll_wake(&wq, POLLIN);
	spin_unlock_irqrestore(&wq.lock, f);
	KTEST_EXPECT(t, list_empty(&wq.waiters));
}

struct turns {
	struct waitqueue wq;
	int turn; /* 1: the partner's, 0: the test's */
	int rounds;
};

static long partners_turn(void *arg)
{
	return READ_ONCE(((struct turns *)arg)->turn) == 1;
}

static long tests_turn(void *arg)
{
	return READ_ONCE(((struct turns *)arg)->turn) == 0;
}

static void partner(void *arg)
{
	struct turns *tn = arg;

	for (int i = 0; i < tn->rounds; i++) {
		wq_sleep_until(&tn->wq, partners_turn, tn);
		WRITE_ONCE(tn->turn, 0);
		wq_wake_all(&tn->wq);
	}
}

/* Hand a turn back and forth with a thread on another CPU: each side
 * changes the state and then wakes, often finding the queue empty (the
 * other not asleep yet).  A lost wake-up hangs here. */
KTEST(waitqueue, no_wakeup_is_lost_between_cpus)
{
	struct turns tn = {.turn = 0, .rounds = 3000};
	cpumask_t others = smp_online_mask() & ~(1ull << cpu_id());
	struct thread *th;

	wq_init(&tn.wq);
	th = thread_new("wq-partner", partner, &tn);
	KTEST_EXPECT(t, th != NULL);
	if (!th)
		return;
	if (others)
		th->cpus_allowed = others;
	thread_start_new(th);
	for (int i = 0; i < tn.rounds; i++) {
		WRITE_ONCE(tn.turn, 1);
		wq_wake_all(&tn.wq);
		wq_sleep_until(&tn.wq, tests_turn, &tn);
	}
	thread_join(th);
	thread_put(th);
	KTEST_EXPECT_EQ(t, READ_ONCE(tn.turn), 0);
}
