/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of threads, the scheduler and wait queues.
 */
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/time.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

static void set_flag(void *arg)
{
	WRITE_ONCE(*(int *)arg, 1);
}

KTEST(sched, thread_runs_and_joins)
{
	int flag = 0;
	struct thread *th = thread_create("t", set_flag, &flag);

	KTEST_EXPECT(t, th != NULL);
	if (!th)
		return;
	thread_join(th);
	KTEST_EXPECT_EQ(t, flag, 1);
	KTEST_EXPECT_EQ(t, th->state, THREAD_DEAD);
	thread_put(th);
}

static void bump(void *arg)
{
	__atomic_fetch_add((int *)arg, 1, __ATOMIC_RELAXED);
	sched_yield_cpu();
	__atomic_fetch_add((int *)arg, 1, __ATOMIC_RELAXED);
}

KTEST(sched, many_threads)
{
	struct thread *th[24];
	int count = 0;

	for (int i = 0; i < 24; i++)
		th[i] = thread_create("bump", bump, &count);
	for (int i = 0; i < 24; i++) {
		KTEST_EXPECT(t, th[i] != NULL);
		thread_join(th[i]);
		thread_put(th[i]);
	}
	KTEST_EXPECT_EQ(t, count, 48);
}

struct spin_state {
	int go;
	bool saw_go;
};

static void spinner(void *arg)
{
	struct spin_state *s = arg;
	uint64_t end = time_ns() + 2000000000ull;

	/* never yields: only preemption lets the setter run */
	while (!READ_ONCE(s->go) && time_ns() < end)
		cpu_relax();
	s->saw_go = READ_ONCE(s->go);
}

KTEST(sched, time_slice_preemption)
{
	struct spin_state s = {0, false};
	struct thread *a = thread_create("spinner", spinner, &s);
	struct thread *b = thread_create("setter", set_flag, &s.go);

	thread_join(a);
	thread_join(b);
	KTEST_EXPECT(t, s.saw_go);
	thread_put(a);
	thread_put(b);
}

struct tokens {
	struct waitqueue wq;
	int tokens; /* guarded by wq.lock */
	int woken;  /* atomic */
};

static long take_token(void *arg)
{
	struct tokens *k = arg;

	if (k->tokens > 0) {
		k->tokens--;
		return 1;
	}
	return 0;
}

static void token_waiter(void *arg)
{
	struct tokens *k = arg;

	wq_sleep_signalable_until(&k->wq, take_token, k);
	__atomic_fetch_add(&k->woken, 1, __ATOMIC_RELAXED);
}

static void give(struct tokens *k, int n, bool all)
{
	irqflags_t f = spin_lock_irqsave(&k->wq.lock);

	k->tokens += n;
	spin_unlock_irqrestore(&k->wq.lock, f);
	if (all)
		wq_wake_all(&k->wq);
	else
		wq_wake_one(&k->wq);
}

static void let_others_run(void)
{
	for (int i = 0; i < 20; i++)
		sched_yield_cpu();
}

KTEST(sched, waitqueue_wake_one_and_all)
{
	struct tokens k = {.tokens = 0, .woken = 0};
	struct thread *th[3];

	wq_init(&k.wq);
	for (int i = 0; i < 3; i++)
		th[i] = thread_create("waiter", token_waiter, &k);
	let_others_run();
	KTEST_EXPECT_EQ(t, READ_ONCE(k.woken), 0); /* nobody runs without a token */
	give(&k, 1, false);
	/* the woken waiter may run on another CPU, in its own time */
	for (uint64_t end = time_ns() + 2000000000ull; !READ_ONCE(k.woken) && time_ns() < end;)
		sched_yield_cpu();
	let_others_run();
	KTEST_EXPECT_EQ(t, READ_ONCE(k.woken), 1);
	give(&k, 2, true);
	for (int i = 0; i < 3; i++) {
		thread_join(th[i]);
		thread_put(th[i]);
	}
	KTEST_EXPECT_EQ(t, k.woken, 3);
	KTEST_EXPECT_EQ(t, k.tokens, 0);
}

KTEST(sched, sleeper_is_not_scheduled)
{
	struct tokens k = {.tokens = 0, .woken = 0};
	struct thread *th;
	uint64_t switches;

	wq_init(&k.wq);
	th = thread_create("sleeper", token_waiter, &k);
	/* it may start on another (idle) CPU: wait until it sleeps there */
	for (uint64_t end = time_ns() + 2000000000ull;
	     th->state != THREAD_SLEEPING && time_ns() < end;)
		sched_yield_cpu();
	let_others_run();
	switches = th->switches;
	let_others_run();
	KTEST_EXPECT_EQ(t, th->switches, switches);
	KTEST_EXPECT_EQ(t, th->state, THREAD_SLEEPING);
	give(&k, 1, false);
	thread_join(th);
	KTEST_EXPECT_EQ(t, k.woken, 1);
	thread_put(th);
}
