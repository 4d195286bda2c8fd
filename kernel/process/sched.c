/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The scheduler.  Per-CPU run queues, each under its own lock; the running
 * thread is not on its queue.  schedule() takes the local queue lock with
 * interrupts off and keeps it across the context switch: the thread that
 * resumes releases it (sched_finish_switch), so no other CPU can see a
 * half-switched thread.  A CPU with nothing to run steals the oldest
 * runnable thread it may run from another CPU's queue before idling, and
 * every BALANCE_TICKS ticks a CPU pulls one thread from a queue much
 * longer than its own.  New threads start on the least loaded CPU their
 * affinity allows.
 *
 * Who may change t->cpu: only while t is not on a CPU, under the lock of
 * the run queue t->cpu names (so whoever locks rq_of(t->cpu) and then
 * finds t->cpu unchanged holds the lock guarding t->state).  A runnable
 * thread on no queue and no CPU is "in transit" (stolen, pulled, being
 * migrated): only the CPU that took it may place it; wake-ups leave it
 * alone, since it is THREAD_RUNNING already.
 *
 * Affinity: a thread running on a CPU outside its mask is pushed to an
 * allowed one when it next leaves the CPU (schedule() parks it in
 * rq->migrate, and the thread switched to places it once it is off the
 * CPU: sched_finish_switch).
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
#include <kernel/cred.h>
#include <kernel/loadavg.h>
#include <kernel/ptimer.h>
#include <kernel/rseq.h>
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
	struct thread *migrate; /* left this CPU it may not use: place after the switch */
	unsigned ticks;		/* timer ticks, for the periodic balance (this CPU only) */
	bool tickless;		/* idle with its tick stopped (this CPU only, IRQs off) */
	uint64_t last_tick;	/* time_ns() at its last tick (a hang report reads it) */
};

/* Per-CPU time in ns (written by its own CPU with interrupts off, read
 * racily by /proc/stat: 64-bit loads and stores, each only growing). */
struct cpu_times {
	uint64_t user_ns, sys_ns;
};

#define BALANCE_TICKS	  8		/* a periodic balance every 8 ticks (32 ms) */
#define IDLE_SLEEP_MAX_NS 1000000000ull /* an idle CPU's longest sleep without a tick */

static struct runqueue runqueues[MAX_CPUS];
static struct thread boot_threads[MAX_CPUS]; /* the boot flow, then idle */
static struct cpu_times cpu_times[MAX_CPUS];
static int next_tid = 2;     /* 1 is init's, whatever kernel threads start first */
static uint64_t nr_switches; /* atomic: context switches since boot (/proc/stat ctxt) */

static struct runqueue *rq_of(unsigned cpu)
{
	return &runqueues[cpu];
}

/* The CPUs `t` may run on now: its mask and the online ones (never empty:
 * an impossible mask falls back to every online CPU). */
static cpumask_t allowed_cpus(const struct thread *t)
{
	cpumask_t online = smp_online_mask();
	cpumask_t m = READ_ONCE(t->cpus_allowed) & online;

	return m ? m : online;
}

static bool cpu_allowed(const struct thread *t, unsigned cpu)
{
	return allowed_cpus(t) & (1ull << cpu);
}

/* A CPU's load: threads queued plus the one running (idle excluded). */
static unsigned cpu_load(unsigned cpu)
{
	struct cpu *c = cpu_get(cpu);

	return READ_ONCE(rq_of(cpu)->nr) + (READ_ONCE(c->current) != c->idle);
}

/* The least loaded CPU `t` may run on; `prefer` wins ties (a racy read:
 * the choice is a hint, not a guarantee). */
static unsigned pick_cpu(const struct thread *t, unsigned prefer)
{
	cpumask_t m = allowed_cpus(t);
	unsigned best = MAX_CPUS, best_load = ~0u;

	if (prefer < MAX_CPUS && (m & (1ull << prefer))) {
		best = prefer;
		best_load = cpu_load(prefer);
	}
	for (unsigned i = 0; i < MAX_CPUS && best_load; i++) {
		unsigned load;

		if (!(m & (1ull << i)) || i == prefer)
			continue;
		load = cpu_load(i);
		if (load < best_load) {
			best = i;
			best_load = load;
		}
	}
	return best;
}

/* Lock the run queue `t` belongs to, following t->cpu if it moves while
 * we wait.  Interrupts must be off. */
static struct runqueue *lock_thread_rq(struct thread *t) __acquires(rq)
{
	for (;;) {
		unsigned cpu = READ_ONCE(t->cpu);
		struct runqueue *rq = rq_of(cpu);

		spin_lock(&rq->lock);
		if (READ_ONCE(t->cpu) == cpu)
			return rq;
		spin_unlock(&rq->lock);
	}
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
	cred_thread_release(t);
	context_free(&t->ctx);
	kstack_free(t->kstack);
	kfree(t);
}

void thread_put(struct thread *t)
{
	if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0)
		free_thread(t);
}

#define NR_NO_CPU (~0u)

static struct waitqueue thread_exit_wq = WAITQUEUE_INIT(thread_exit_wq);

/* Runs on the thread switched to, with the rq lock held and interrupts
 * off: the previous thread is now off the CPU (and its stack unused). */
static void sched_finish_switch(struct runqueue *rq) __releases(&rq->lock)
{
	struct thread *dead = rq->dead, *mig = rq->migrate;
	unsigned target = 0;

	if (rq->from)
		rq->from->on_cpu = false;
	if (mig) {
		/* off the CPU now: ours to move, under this (its) rq lock */
		target = pick_cpu(mig, MAX_CPUS);
		WRITE_ONCE(mig->cpu, target);
	}
	rq->from = NULL;
	rq->dead = NULL;
	rq->migrate = NULL;
	spin_unlock(&rq->lock);
	if (mig) {
		struct runqueue *to = lock_thread_rq(mig);

		if (mig->state == THREAD_RUNNING && !mig->on_rq && !mig->on_cpu)
			enqueue(to, mig);
		spin_unlock(&to->lock);
		smp_reschedule(target);
	}
	if (dead) {
		wq_wake_all(&thread_exit_wq);
		thread_put(dead);
	}
}

/* Take the oldest thread on `victim` that may run on `cpu`, or NULL; it is
 * in transit afterwards (the caller places or runs it).  The caller holds
 * no rq lock and has interrupts off. */
static struct thread *take_from(struct runqueue *victim, unsigned cpu)
{
	struct thread *t, *found = NULL;

	spin_lock(&victim->lock);
	list_for_each_entry (t, &victim->queue, rq_link) {
		if (cpu_allowed(t, cpu)) {
			found = t;
			break;
		}
	}
	if (found) {
		list_del(&found->rq_link);
		found->on_rq = false;
		victim->nr--;
		WRITE_ONCE(found->cpu, cpu);
	}
	spin_unlock(&victim->lock);
	return found;
}

/* Steal one thread for `cpu` from another CPU; NULL if none. */
static struct thread *steal(unsigned cpu)
{
	cpumask_t online = smp_online_mask();

	for (unsigned i = 1; i < MAX_CPUS; i++) {
		unsigned v = (cpu + i) % MAX_CPUS;
		struct thread *t;

		if (!(online & (1ull << v)) || !READ_ONCE(rq_of(v)->nr))
			continue;
		t = take_from(rq_of(v), cpu);
		if (t)
			return t;
	}
	return NULL;
}

/* Charge `t`'s CPU time since its last sample to system time if it is
 * in a system call (else it is user time: run_ns minus sys_ns).  Called
 * on its CPU with interrupts off. */
/* run_ns, slice_start and acct_running change together at a switch (this
 * CPU, interrupts off); thread_cputime() on another CPU reads them as one. */
static void acct_write_begin(struct thread *t)
{
	WRITE_ONCE(t->acct_seq, t->acct_seq + 1);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void acct_write_end(struct thread *t)
{
	__atomic_store_n(&t->acct_seq, t->acct_seq + 1, __ATOMIC_RELEASE);
}

static void account_sample(struct thread *t, uint64_t now)
{
	struct cpu_times *ct = &cpu_times[this_cpu()->id];
	uint64_t d = now - t->acct_stamp;

	if (t->in_syscall)
		t->sys_ns += d;
	if (t->in_syscall || !t->proc)
		WRITE_ONCE(ct->sys_ns, ct->sys_ns + d);
	else
		WRITE_ONCE(ct->user_ns, ct->user_ns + d);
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
	if (prev_queued && !cpu_allowed(prev, c->id)) {
		rq->migrate = prev; /* pushed elsewhere once off this CPU */
		prev_queued = false;
	} else if (prev_queued) {
		enqueue(rq, prev);
	}
	next = dequeue(rq);
	if (!next && ncpus() > 1) {
		spin_unlock(&rq->lock);
		next = steal(c->id);
		spin_lock(&rq->lock);
		/* a wakeup while the lock was dropped finds prev on the CPU and
		 * leaves it to us: keep it running rather than lose it */
		if (!prev_queued && !rq->migrate && prev->state == THREAD_RUNNING &&
		    prev != c->idle) {
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

		acct_write_begin(prev);
		prev->run_ns += now - prev->slice_start;
		prev->acct_running = false;
		acct_write_end(prev);
		account_sample(prev, now);
		next->acct_stamp = now;
		next->on_cpu = true;
		acct_write_begin(next);
		next->slice_start = now;
		next->acct_running = true;
		acct_write_end(next);
		next->switches++;
		if (next->rseq_area)
			next->rseq_event = true; /* its critical section (if any) aborts */
		if (rq->tickless) {
			/* leaving a tickless idle: the tick comes back at once
			 * (timer_expired re-arms it for the thread) */
			rq->tickless = false;
			ktimer_program(1);
		}
		__atomic_add_fetch(&nr_switches, 1, __ATOMIC_RELAXED);
		c->current = next;
		rq->from = prev;
		/* kernel threads borrow whatever page table is loaded (lazy TLB).
		 * Not `next->vm != prev->vm`: what this CPU has loaded need not
		 * be prev's (prev may have left its vm in exit, or not yet
		 * activated its own in its first steps), and a sibling thread
		 * would then run on another address space's tables. */
		if (next->vm)
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

/* Wake-up placement: a sleeping thread off the CPU whose CPU it may no
 * longer use moves to an allowed one (called with its rq locked, which is
 * released; returns it or the new one, locked). */
static struct runqueue *wake_place(struct thread *t, struct runqueue *rq)
{
	unsigned target;

	if (t->on_cpu || cpu_allowed(t, t->cpu))
		return rq;
	target = pick_cpu(t, MAX_CPUS);
	WRITE_ONCE(t->cpu, target);
	spin_unlock(&rq->lock);
	return lock_thread_rq(t);
}

/* A thread was queued on `cpu`: make that CPU look (if it is another one),
 * and an idle CPU come and steal it (if `cpu` is this one or busy).  Idle
 * CPUs sleep without a tick (timer_expired), so this IPI is how they learn
 * of work elsewhere: a CPU going idle checks the queues after it is seen
 * idle here (c->current is set before its tick tests work_elsewhere). */
static void kick_for(unsigned cpu)
{
	unsigned me = cpu_id(), n = ncpus();

	if (cpu != me) {
		struct cpu *target = cpu_get(cpu);

		smp_reschedule(cpu);
		if (READ_ONCE(target->current) == target->idle)
			return;
	}
	/* the thread is queued (its rq's nr written) before the CPUs are
	 * read: either an idle CPU's tick sees it or we see that CPU idle */
	if (n > 1)
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (unsigned i = 0; i < n; i++) {
		struct cpu *c = cpu_get(i);

		if (i != cpu && i != me && READ_ONCE(c->current) == c->idle) {
			smp_reschedule(i);
			return;
		}
	}
}

void thread_wake(struct thread *t)
{
	irqflags_t f = irq_save();
	struct runqueue *rq = lock_thread_rq(t);
	unsigned cpu = NR_NO_CPU;
	bool elsewhere = false;

	if (t->state == THREAD_SLEEPING) {
		rq = wake_place(t, rq);
		if (t->state == THREAD_SLEEPING) {
			t->state = THREAD_RUNNING;
			if (!t->on_cpu && !t->on_rq)
				enqueue(rq, t);
			cpu = t->cpu;
		}
	} else if (t->state == THREAD_RUNNING && t->on_cpu) {
		elsewhere = t->cpu != cpu_id(); /* a signal: make it see it now */
		cpu = t->cpu;
	}
	spin_unlock(&rq->lock);
	if (elsewhere)
		smp_kick(cpu);
	else if (cpu != NR_NO_CPU) {
		if (cpu == cpu_id())
			this_cpu()->need_resched = true;
		kick_for(cpu);
	}
	irq_restore(f);
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
	/* a new thread inherits its creator's affinity (fork and clone do) */
	t->cpus_allowed = READ_ONCE(current_thread()->cpus_allowed);
	cred_thread_init(t, &init_cred); /* fork and clone give the caller's */
	list_init(&t->rq_link);
	list_init(&t->sig_queue);
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
	irqflags_t f = irq_save();
	struct runqueue *rq;
	unsigned cpu;

	/* not yet runnable anywhere: ours to place on the least loaded CPU */
	t->cpu = pick_cpu(t, cpu_id());
	rq = lock_thread_rq(t);
	enqueue(rq, t);
	cpu = t->cpu;
	spin_unlock(&rq->lock);
	kick_for(cpu);
	irq_restore(f);
}

void sched_set_affinity(struct thread *t, uint64_t mask)
{
	irqflags_t f = irq_save();
	struct runqueue *rq = lock_thread_rq(t);
	unsigned from = t->cpu, to = NR_NO_CPU;

	WRITE_ONCE(t->cpus_allowed, mask);
	if (!cpu_allowed(t, from) && t->on_rq) {
		/* queued where it may not run: take it off and requeue it */
		list_del(&t->rq_link);
		t->on_rq = false;
		rq->nr--;
		to = pick_cpu(t, MAX_CPUS);
		WRITE_ONCE(t->cpu, to);
		spin_unlock(&rq->lock);
		rq = lock_thread_rq(t);
		if (t->state == THREAD_RUNNING && !t->on_rq && !t->on_cpu)
			enqueue(rq, t);
	} else if (!cpu_allowed(t, from) && t->state == THREAD_SLEEPING && !t->on_cpu) {
		WRITE_ONCE(t->cpu, pick_cpu(t, MAX_CPUS)); /* its wake-up goes there */
	} else if (!cpu_allowed(t, from) && t->on_cpu && t != current_thread()) {
		to = from; /* make it leave the CPU: schedule() pushes it */
	}
	spin_unlock(&rq->lock);
	if (to != NR_NO_CPU)
		smp_reschedule(to);
	irq_restore(f);
	if (t == current_thread() && !cpu_allowed(t, cpu_id()))
		schedule(); /* leaves this CPU for an allowed one before returning */
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = thread_new(name, fn, arg);

	if (t)
		thread_start_new(t);
	return t;
}

void thread_start_once(int *started, const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t;

	if (__atomic_load_n(started, __ATOMIC_RELAXED) ||
	    __atomic_exchange_n(started, 1, __ATOMIC_ACQ_REL))
		return;
	t = thread_create(name, fn, arg);
	if (!t) {
		pr_err("%s: cannot start the kernel thread (no memory); the next use tries again\n",
		       name);
		__atomic_store_n(started, 0, __ATOMIC_RELEASE);
		return;
	}
	thread_put(t);
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
	uint64_t now = time_ns(), total, s, u;
	bool running = t == current_thread();

	if (running) {
		total = t->run_ns + (now - t->slice_start);
		s = t->sys_ns + (t->in_syscall ? now - t->acct_stamp : 0);
	} else {
		/* on another CPU, maybe running there without a switch for
		 * as long as it likes: its current stretch counts too.  Read
		 * without a lock (callers hold the group's siglock), retried
		 * while a switch on its CPU rewrites the three. */
		uint64_t start;
		bool on;

		for (;;) {
			unsigned seq = __atomic_load_n(&t->acct_seq, __ATOMIC_ACQUIRE);

			if (seq & 1) {
				cpu_relax();
				continue;
			}
			total = READ_ONCE(t->run_ns);
			start = READ_ONCE(t->slice_start);
			on = READ_ONCE(t->acct_running);
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			if (READ_ONCE(t->acct_seq) == seq)
				break;
		}
		now = time_ns();
		if (on && now > start)
			total += now - start;
		s = READ_ONCE(t->sys_ns);
	}

	/* never below what was shown (a reader on another CPU sees only the
	 * switched-out part of a running thread): no wrap below */
	total = MAX(total, t->shown_user + t->shown_sys);
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

void sched_cpu_times(unsigned cpu, struct sched_cpu_times *ct)
{
	struct cpu *c = cpu_get(cpu);
	struct thread *idle = &boot_threads[cpu];
	uint64_t now = time_ns();

	ct->user_ns = READ_ONCE(cpu_times[cpu].user_ns);
	ct->sys_ns = READ_ONCE(cpu_times[cpu].sys_ns);
	ct->idle_ns = READ_ONCE(idle->run_ns);
	if (READ_ONCE(c->current) == idle)
		ct->idle_ns += now - READ_ONCE(idle->slice_start);
}

/* Tick-driven balance: pull one thread from the busiest queue when it
 * holds at least two more threads than this CPU runs (IRQ context). */
static void balance_tick(struct cpu *c)
{
	struct runqueue *mine = rq_of(c->id);
	cpumask_t online = smp_online_mask();
	unsigned busiest = NR_NO_CPU, most = 0, load = cpu_load(c->id);
	struct thread *t;

	for (unsigned i = 0; i < MAX_CPUS; i++) {
		unsigned n = (online & (1ull << i)) && i != c->id ? READ_ONCE(rq_of(i)->nr) : 0;

		if (n > most) {
			most = n;
			busiest = i;
		}
	}
	if (busiest == NR_NO_CPU || most < load + 2)
		return;
	t = take_from(rq_of(busiest), c->id);
	if (!t)
		return;
	spin_lock(&mine->lock);
	enqueue(mine, t);
	spin_unlock(&mine->lock);
}

/* Is there a thread on another CPU's queue this idle CPU could steal? */
static bool work_elsewhere(unsigned cpu)
{
	cpumask_t online = smp_online_mask();

	for (unsigned i = 0; i < MAX_CPUS; i++) {
		if (i != cpu && (online & (1ull << i)) && READ_ONCE(rq_of(i)->nr) > 0)
			return true;
	}
	return false;
}

/* ---- upcalls from the platform ---- */

void timer_expired(void)
{
	struct cpu *c = this_cpu();
	struct thread *t = c->current;
	uint64_t next, now = time_ns();

	rq_of(c->id)->last_tick = now;
	if (t != c->idle)
		account_sample(t, now);
	if (t != c->idle && now - t->slice_start >= SCHED_SLICE_NS)
		c->need_resched = true;
	if (t == c->idle && (READ_ONCE(rq_of(c->id)->nr) || work_elsewhere(c->id)))
		c->need_resched = true;
	if (++rq_of(c->id)->ticks % BALANCE_TICKS == 0)
		balance_tick(c);
	loadavg_tick(time_ns());
	next = ktimer_run_due();
	/* an idle CPU with nothing to run or steal needs no tick: it sleeps
	 * until the next kernel timer or load sample (or IDLE_SLEEP_MAX_NS);
	 * a thread queued meanwhile comes with an IPI (kick_for) */
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* pairs with kick_for's */
	rq_of(c->id)->tickless = t == c->idle && !c->need_resched && !READ_ONCE(rq_of(c->id)->nr) &&
				 !work_elsewhere(c->id);
	if (rq_of(c->id)->tickless)
		ktimer_program(
			MAX(MIN(MIN(next, loadavg_next_in(time_ns())), IDLE_SLEEP_MAX_NS), 1));
	else
		ktimer_program(MIN(next, SCHED_SLICE_NS));
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
	idle->cpus_allowed = ~0ull;		   /* what the threads it starts inherit */
	idle->cred = idle->real_cred = &init_cred; /* and root's credentials */
	list_init(&idle->rq_link);
	strlcpy(idle->name, "idle", sizeof(idle->name));
	c->current = idle;
	c->idle = idle;
	ktimer_program(SCHED_SLICE_NS);
}

void sched_init(void)
{
	ktimers_init();
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
		schedule();
		cpu_idle();
	}
}
