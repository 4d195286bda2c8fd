/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The scheduler.  Per-CPU run queues, each under its own lock; the running
 * thread is not on its queue.  schedule() takes the local queue lock with
 * interrupts off and keeps it across the context switch: the thread that
 * resumes releases it (sched_finish_switch), so no other CPU can see a
 * half-switched thread.  A CPU with nothing to run steals the oldest
 * runnable thread from another CPU's queue before idling.
 *
 * Lock order: rq locks share LOCK_RANK_SCHED and are never nested; the
 * stealer drops its own before taking a victim's.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/kstack.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/smp.h>
#include <platform/time.h>
#include <platform/upcall.h>
#include <kernel/ptimer.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/vm.h>
#include <kernel/waitqueue.h>

struct runqueue {
	struct spinlock lock;
	struct list_head queue; /* runnable threads, FIFO; guarded by lock */
	unsigned nr;		/* threads on queue */
	struct thread *from;	/* the thread being switched away from */
	struct thread *dead;	/* exited, stack to free after the switch */
};

static struct runqueue runqueues[MAX_CPUS];
static struct thread boot_threads[MAX_CPUS]; /* the boot flow, then idle */
static int next_tid = 1;
static uint64_t nr_switches; /* atomic: context switches since boot (/proc/stat ctxt) */

static struct runqueue *rq_of(unsigned cpu)
{
	return &runqueues[cpu];
}

static void enqueue(struct runqueue *rq, struct thread *t)
{
	ASSERT(!t->on_rq);
	list_add_tail(&t->rq_link, &rq->queue);
	t->on_rq = true;
	rq->nr++;
}

static struct thread *dequeue(struct runqueue *rq)
{
	struct thread *t;

	if (list_empty(&rq->queue))
		return NULL;
	t = list_first_entry(&rq->queue, struct thread, rq_link);
	list_del(&t->rq_link);
	t->on_rq = false;
	rq->nr--;
	return t;
}

static void free_thread(struct thread *t)
{
	if (t->vm)
		vm_put(t->vm);
	context_free(&t->ctx);
	kstack_free(t->kstack);
	kfree(t);
}

void thread_put(struct thread *t)
{
	if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0)
		free_thread(t);
}

static struct waitqueue thread_exit_wq = WAITQUEUE_INIT(thread_exit_wq);

/* Runs on the thread switched to, with the rq lock held and interrupts
 * off: the previous thread is now off the CPU (and its stack unused). */
static void sched_finish_switch(struct runqueue *rq) __releases(&rq->lock)
{
	struct thread *dead = rq->dead;

	if (rq->from)
		rq->from->on_cpu = false;
	rq->from = NULL;
	rq->dead = NULL;
	spin_unlock(&rq->lock);
	if (dead) {
		wq_wake_all(&thread_exit_wq);
		thread_put(dead);
	}
}

/* Steal one thread for `cpu` from another CPU; NULL if none. */
static struct thread *steal(unsigned cpu)
{
	for (unsigned i = 1; i < ncpus(); i++) {
		struct runqueue *victim = rq_of((cpu + i) % ncpus());
		struct thread *t;

		if (!READ_ONCE(victim->nr))
			continue;
		spin_lock(&victim->lock);
		t = dequeue(victim);
		if (t)
			t->cpu = cpu;
		spin_unlock(&victim->lock);
		if (t)
			return t;
	}
	return NULL;
}

/* Charge `t`'s CPU time since its last sample to system time if it is
 * in a system call (else it is user time: run_ns minus sys_ns).  Called
 * on its CPU with interrupts off. */
static void account_sample(struct thread *t, uint64_t now)
{
	if (t->in_syscall)
		t->sys_ns += now - t->acct_stamp;
	t->acct_stamp = now;
}

void schedule(void)
{
	irqflags_t f = irq_save(); /* first: from here the thread stays on this CPU */
	struct cpu *c = this_cpu();
	struct runqueue *rq = rq_of(c->id);
	struct thread *prev = c->current, *next;
	bool prev_queued;

	ASSERT(c->preempt_count == 0);
	c->need_resched = false;
	spin_lock(&rq->lock);
	prev_queued = prev->state == THREAD_RUNNING && prev != c->idle;
	if (prev_queued)
		enqueue(rq, prev);
	next = dequeue(rq);
	if (!next && ncpus() > 1) {
		spin_unlock(&rq->lock);
		next = steal(c->id);
		spin_lock(&rq->lock);
		/* a wakeup while the lock was dropped finds prev on the CPU and
		 * leaves it to us: keep it running rather than lose it */
		if (!prev_queued && prev->state == THREAD_RUNNING && prev != c->idle) {
			if (next)
				enqueue(rq, prev);
			else
				next = prev;
		}
	}
	if (!next)
		next = c->idle;
	if (prev->state == THREAD_DEAD)
		rq->dead = prev;
	if (next != prev) {
		uint64_t now = time_ns();

		prev->run_ns += now - prev->slice_start;
		account_sample(prev, now);
		next->acct_stamp = now;
		next->on_cpu = true;
		next->slice_start = now;
		next->switches++;
		__atomic_add_fetch(&nr_switches, 1, __ATOMIC_RELAXED);
		c->current = next;
		rq->from = prev;
		/* kernel threads borrow whatever page table is loaded (lazy TLB) */
		if (next->vm && next->vm != prev->vm)
			vm_activate(next->vm);
		context_switch(&prev->ctx, &next->ctx);
		/* back in prev, possibly much later, possibly on another CPU */
		rq = rq_of(this_cpu()->id);
	}
	sched_finish_switch(rq);
	irq_restore(f);
}

void sched_yield_cpu(void)
{
	schedule();
}

/* A thread was queued on `cpu`: make that CPU look (if it is another one),
 * or an idle CPU come and steal it (if it is this one). */
static void kick_for(unsigned cpu)
{
	if (cpu != cpu_id()) {
		smp_reschedule(cpu);
		return;
	}
	for (unsigned i = 0; i < ncpus(); i++) {
		struct cpu *c = cpu_get(i);

		if (i != cpu && READ_ONCE(c->current) == c->idle) {
			smp_reschedule(i);
			return;
		}
	}
}

void thread_wake(struct thread *t)
{
	struct runqueue *rq = rq_of(t->cpu);
	irqflags_t f = spin_lock_irqsave(&rq->lock);
	unsigned cpu = t->cpu;
	bool queued = false, elsewhere = false;

	if (t->state == THREAD_SLEEPING) {
		t->state = THREAD_RUNNING;
		if (!t->on_cpu && !t->on_rq) {
			enqueue(rq, t);
			queued = true;
		}
	} else if (t->state == THREAD_RUNNING && t->on_cpu) {
		elsewhere = cpu_get(cpu) != this_cpu(); /* a signal: see it now */
	}
	if (queued && cpu_get(cpu) == this_cpu())
		this_cpu()->need_resched = true;
	spin_unlock_irqrestore(&rq->lock, f);
	if (queued)
		kick_for(cpu);
	else if (elsewhere)
		smp_kick(cpu);
}

static void thread_start(void *arg)
{
	struct thread *t = arg;

	/* first run: finish the switch that brought us here, which holds the
	 * run queue lock taken in schedule() on the thread before us */
	__acquire(&rq_of(this_cpu()->id)->lock);
	sched_finish_switch(rq_of(this_cpu()->id));
	irq_enable();
	t->fn(t->arg);
	thread_exit();
}

struct thread *thread_new(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->kstack = kstack_alloc();
	if (!t->kstack)
		goto err_free_thread;
	if (context_init(&t->ctx, (char *)t->kstack + KSTACK_SIZE, thread_start, t))
		goto err_free_stack;
	t->tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
	t->fn = fn;
	t->arg = arg;
	t->refs = 2; /* the caller's handle, and being alive */
	t->state = THREAD_RUNNING;
	t->cpu = cpu_id();
	list_init(&t->rq_link);
	strlcpy(t->name, name, sizeof(t->name));
	return t;

err_free_stack:
	kstack_free(t->kstack);
err_free_thread:
	kfree(t);
	return NULL;
}

void thread_start_new(struct thread *t)
{
	struct runqueue *rq = rq_of(t->cpu);
	irqflags_t f = spin_lock_irqsave(&rq->lock);

	enqueue(rq, t);
	spin_unlock_irqrestore(&rq->lock, f);
	kick_for(t->cpu);
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = thread_new(name, fn, arg);

	if (t)
		thread_start_new(t);
	return t;
}

__noreturn void thread_exit(void)
{
	struct thread *t = current_thread();

	irq_disable();
	t->state = THREAD_DEAD;
	schedule();
	panic("dead thread %d rescheduled", t->tid);
}

static long thread_is_dead(void *arg)
{
	struct thread *t = arg;

	/* ordered by the locks: both change before the waker takes the wq lock */
	return t->state == THREAD_DEAD && !t->on_cpu;
}

void thread_join(struct thread *t)
{
	while (wq_sleep_signalable_until(&thread_exit_wq, thread_is_dead, t) <= 0)
		;
}

void thread_cputime(struct thread *t, uint64_t *user, uint64_t *sys)
{
	irqflags_t f = irq_save();
	uint64_t now = time_ns();
	bool running = t == current_thread();
	uint64_t total = t->run_ns + (running ? now - t->slice_start : 0);
	uint64_t s = t->sys_ns + (running && t->in_syscall ? now - t->acct_stamp : 0);
	uint64_t u;

	s = MIN(s, total);
	/* a stretch shown as user time may be sampled as system time later:
	 * never report less of either than last time (Linux does the same) */
	u = MAX(total - s, t->shown_user);
	s = total - u;
	if (s < t->shown_sys) {
		s = t->shown_sys;
		u = total - s;
	}
	t->shown_user = u;
	t->shown_sys = s;
	irq_restore(f);
	*user = u;
	*sys = s;
}

void sched_stats(struct sched_stats *st)
{
	uint64_t now = time_ns();

	st->switches = __atomic_load_n(&nr_switches, __ATOMIC_RELAXED);
	st->now_ns = now;
	st->idle_ns = 0;
	st->running = 0;
	for (unsigned i = 0; i < ncpus(); i++) {
		struct cpu *c = cpu_get(i);
		struct thread *idle = &boot_threads[i];
		struct thread *cur = READ_ONCE(c->current);

		st->idle_ns += READ_ONCE(idle->run_ns);
		if (cur == idle)
			st->idle_ns += now - READ_ONCE(idle->slice_start);
		else
			st->running++;
		st->running += READ_ONCE(rq_of(i)->nr);
	}
	st->last_tid = __atomic_load_n(&next_tid, __ATOMIC_RELAXED) - 1;
}

/* ---- upcalls from the platform ---- */

void timer_expired(void)
{
	struct cpu *c = this_cpu();
	struct thread *t = c->current;

	if (t != c->idle)
		account_sample(t, time_ns());
	if (t != c->idle && time_ns() - t->slice_start >= SCHED_SLICE_NS)
		c->need_resched = true;
	if (t == c->idle && READ_ONCE(rq_of(c->id)->nr))
		c->need_resched = true;
	timer_arm(MIN(ktimer_run_due(), SCHED_SLICE_NS));
	if (t->proc)
		ptimers_tick(t);
}

void preempt_schedule_irq(void)
{
	schedule();
}

/* The boot flow becomes this CPU's idle thread. */
static void sched_init_cpu(void)
{
	struct cpu *c = this_cpu();
	struct thread *idle = &boot_threads[c->id];

	if (context_init_current(&idle->ctx, NULL))
		panic("sched: no memory for the idle thread");
	idle->tid = 0;
	idle->state = THREAD_RUNNING;
	idle->on_cpu = true;
	idle->refs = 1;
	idle->cpu = c->id;
	list_init(&idle->rq_link);
	strlcpy(idle->name, "idle", sizeof(idle->name));
	c->current = idle;
	c->idle = idle;
	timer_arm(SCHED_SLICE_NS);
}

void sched_init(void)
{
	for (unsigned i = 0; i < MAX_CPUS; i++) {
		spin_lock_init(&runqueues[i].lock, "runqueue", LOCK_RANK_SCHED);
		list_init(&runqueues[i].queue);
	}
	sched_init_cpu();
}

/* Another processor, started by smp_boot_cpus(): it idles until there is
 * work to take. */
__noreturn void kernel_main_ap(void)
{
	sched_init_cpu();
	irq_enable();
	for (;;) {
		cpu_idle();
		schedule();
	}
}
