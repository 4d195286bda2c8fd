/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Process timers (kernel/ptimer.h): CPU time of processes, the three
 * interval timers of setitimer, and POSIX timers.
 *
 * A timer on a monotonic-based clock (ITIMER_REAL, POSIX timers on the
 * real-time, monotonic and boot clocks) is a ktimer whose callback runs in
 * IRQ context: it takes the siglock, checks the expiry still stands (a
 * settime may have moved it), and queues the signal.  A periodic POSIX
 * timer moves on to its next period at once (counting the periods it
 * missed as overruns); a periodic ITIMER_REAL waits until its SIGALRM is
 * taken (ptimer_real_dequeued), as on Linux, so a blocked or ignored
 * SIGALRM leaves it stopped.  Timers on CPU clocks keep their expiry in ns
 * of that clock and are checked by ptimers_tick() on the CPU that runs the
 * process.
 *
 * A POSIX timer's signal is queued at most once: while it is pending,
 * further expiries only count overruns, which the dequeue hands to the
 * siginfo (si_overrun) and to timer_getoverrun.  Setting or deleting the
 * timer drops its pending signal.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <asm-generic/siginfo.h>
#include <linux/time.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <kernel/cred.h>
#include <kernel/clock.h>
#include <kernel/process.h>
#include <kernel/ptimer.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/sigpending.h>
#include <kernel/timer.h>

#define OVERRUN_MAX 0x7fffffff /* DELAYTIMER_MAX */
/* A periodic timer re-arms at least this far ahead, so a tiny interval
 * cannot keep a CPU in its timer interrupt; the periods in between count
 * as overruns when it fires. */
#define REARM_MIN_NS 20000ull

struct posix_timer {
	struct list_head link; /* in proc->timers.posix (siglock) */
	struct process *proc;
	int id, clock;
	bool cpu;   /* on the process's CPU clock: checked by the tick */
	int notify; /* SIGEV_SIGNAL or SIGEV_NONE */
	int signo;
	int tid;	/* SIGEV_THREAD_ID: the target thread; 0: the process */
	uint64_t value; /* sigev_value */
	struct ktimer kt;
	uint64_t expires;  /* time_ns() (or CPU ns); 0: disarmed */
	uint64_t interval; /* ns, 0: one-shot */
	bool pending;	   /* its signal is queued */
	int overrun;	   /* expiries while pending */
	int last_overrun;  /* at the last delivery: timer_getoverrun */
	struct sigq q;	   /* carries the signal when the slot is taken */
	int charge;	   /* RLIMIT_SIGPENDING: the creator's user, while it exists */
};

static void real_expired(struct ktimer *kt);

void ptimers_init(struct process *p)
{
	ktimer_init(&p->timers.real, real_expired, p);
	list_init(&p->timers.posix);
}

/* ---- CPU time ---- */

/* process_cputime: kernel/process/thread.c (it sums the threads) */

void ptimers_reaped(struct process *parent, const struct process *child)
{
	parent->timers.child_utime += child->timers.exit_utime + child->timers.child_utime;
	parent->timers.child_stime += child->timers.exit_stime + child->timers.child_stime;
	parent->child_maxrss_kb = MAX(parent->child_maxrss_kb, process_maxrss(child, false));
}

/* ---- expiry ---- */

/* Move a periodic timer past `now`; the periods skipped (0 if none). */
static uint64_t forward(uint64_t *expires, uint64_t interval, uint64_t now)
{
	uint64_t missed;

	if (!interval) {
		*expires = 0;
		return 0;
	}
	missed = (now - *expires) / interval;
	*expires += (missed + 1) * interval;
	return missed;
}

static int add_overrun(int a, uint64_t b)
{
	return b >= (uint64_t)(OVERRUN_MAX - a) ? OVERRUN_MAX : a + (int)b;
}

/* `pt` expired at `now` (siglock held): forward it, queue its signal or
 * count an overrun. */
static void posix_fire_locked(struct posix_timer *pt, uint64_t now)
{
	uint64_t missed = forward(&pt->expires, pt->interval, now);
	struct ksiginfo info = {.code = SI_TIMER, .timerid = pt->id, .value = pt->value};

	if (pt->notify == SIGEV_NONE)
		return;
	if (pt->pending) {
		pt->overrun = add_overrun(pt->overrun, missed + 1);
		return;
	}
	if (signal_queue_timer_locked(pt->proc, pt->signo, &info, &pt->q, pt->tid)) {
		pt->pending = true;
		pt->overrun = add_overrun(0, missed);
	}
}

static void posix_expired(struct ktimer *kt)
{
	struct posix_timer *pt = kt->arg;
	struct process *p = pt->proc;
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	uint64_t now = time_ns(), next = 0;
	bool fired = false;

	if (pt->expires && pt->expires <= now) {
		posix_fire_locked(pt, now);
		next = pt->expires;
		fired = true;
	} else {
		next = pt->expires; /* early: armed again below */
	}
	spin_unlock_irqrestore(&p->siglock, f);
	if (next)
		ktimer_arm(kt, MAX(next, time_ns() + REARM_MIN_NS));
	if (fired)
		signal_wake(p);
}

void ptimer_signal_dequeued(struct process *p, struct ksiginfo *info)
{
	struct posix_timer *pt;

	list_for_each_entry (pt, &p->timers.posix, link) {
		if (pt->id != info->timerid)
			continue;
		if (pt->pending) {
			info->overrun = pt->overrun;
			pt->last_overrun = pt->overrun;
			pt->overrun = 0;
			pt->pending = false;
		}
		return;
	}
}

static void real_expired(struct ktimer *kt)
{
	struct process *p = kt->arg;
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	struct proc_timers *tm = &p->timers;
	uint64_t now = time_ns(), next;
	bool fired = false;

	if (tm->real_expires && tm->real_expires <= now) {
		/* a periodic one runs again once its signal is taken */
		tm->real_anchor = tm->real_expires;
		tm->real_expires = 0;
		fired = true;
	}
	next = tm->real_expires;
	spin_unlock_irqrestore(&p->siglock, f);
	if (next)
		ktimer_arm(kt, MAX(next, time_ns() + REARM_MIN_NS));
	if (fired)
		signal_send(p, SIGALRM, NULL);
}

void ptimer_real_dequeued(struct process *p)
{
	struct proc_timers *tm = &p->timers;
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	uint64_t now = time_ns(), next = 0;

	if (!tm->real_expires && tm->real_anchor && tm->real_interval) {
		forward(&tm->real_anchor, tm->real_interval, now);
		next = tm->real_expires = tm->real_anchor;
	}
	spin_unlock_irqrestore(&p->siglock, f);
	if (next)
		ktimer_arm(&tm->real, MAX(next, now + REARM_MIN_NS));
}

/* A CPU interval timer due at `now` (siglock held)? Forwards it. */
static bool cpu_itimer_due(struct cpu_itimer *it, uint64_t now)
{
	if (!it->expires || it->expires > now)
		return false;
	forward(&it->expires, it->interval, now);
	return true;
}

/*
 * RLIMIT_CPU (seconds of user + system time): past the soft limit SIGXCPU,
 * and the soft limit moves a second on so the next comes a second later
 * (Linux does the same: getrlimit shows it); at the hard limit SIGKILL.
 */
static void cpu_rlimit_tick(struct process *p, uint64_t cpu_ns)
{
	uint64_t soft = READ_ONCE(p->rlim[RLIMIT_CPU].rlim_cur);
	uint64_t hard = READ_ONCE(p->rlim[RLIMIT_CPU].rlim_max);
	const uint64_t sec = 1000000000ull;

	if (hard != RLIM64_INFINITY && cpu_ns / sec >= hard) {
		signal_send(p, SIGKILL, NULL);
	} else if (cpu_ns / sec >= soft) {
		WRITE_ONCE(p->rlim[RLIMIT_CPU].rlim_cur, soft + 1);
		signal_send(p, SIGXCPU, NULL);
	}
}

void ptimers_tick(struct thread *t)
{
	struct process *p = t->proc;
	struct proc_timers *tm = &p->timers;
	uint64_t user, sys;
	bool virt, prof, armed, fired = false;
	struct posix_timer *pt;

	/* every thread's tick counts: the clocks are the process's */
	if (READ_ONCE(p->rlim[RLIMIT_CPU].rlim_cur) != RLIM64_INFINITY) {
		process_cputime(p, &user, &sys);
		cpu_rlimit_tick(p, user + sys);
	}
	if (!READ_ONCE(tm->cpu_armed))
		return;
	spin_lock(&p->siglock);
	process_cputime_locked(p, &user, &sys);
	virt = cpu_itimer_due(&tm->virt, user);
	prof = cpu_itimer_due(&tm->prof, user + sys);
	armed = tm->virt.expires || tm->prof.expires;
	list_for_each_entry (pt, &tm->posix, link) {
		if (!pt->cpu || !pt->expires)
			continue;
		if (pt->expires <= user + sys) {
			posix_fire_locked(pt, user + sys);
			fired = true;
		}
		armed |= pt->expires != 0;
	}
	tm->cpu_armed = armed;
	spin_unlock(&p->siglock);
	if (virt)
		signal_send(p, SIGVTALRM, NULL);
	if (prof)
		signal_send(p, SIGPROF, NULL);
	if (fired)
		signal_wake(p);
}

/* ---- interval timers ---- */

long itimer_set(int which, const struct itimer_val *nv, struct itimer_val *old)
{
	struct process *p = current_process();
	struct proc_timers *tm = &p->timers;
	struct itimer_val prev = {0};
	uint64_t user, sys, now;
	struct cpu_itimer *it;
	irqflags_t f;

	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	if (which == ITIMER_REAL) {
		ktimer_cancel(&tm->real);
		f = spin_lock_irqsave(&p->siglock);
		now = time_ns();
		if (tm->real_expires) /* an expired one still in flight: 1 us */
			prev.value = tm->real_expires > now ? tm->real_expires - now : 1000;
		prev.interval = tm->real_interval;
		tm->real_interval = nv->value ? nv->interval : 0; /* off: no interval */
		tm->real_anchor = 0;
		tm->real_expires = nv->value ? now + nv->value : 0;
		spin_unlock_irqrestore(&p->siglock, f);
		if (nv->value)
			ktimer_arm(&tm->real, now + nv->value);
		goto out;
	}
	process_cputime(p, &user, &sys);
	now = which == ITIMER_VIRTUAL ? user : user + sys;
	it = which == ITIMER_VIRTUAL ? &tm->virt : &tm->prof;
	f = spin_lock_irqsave(&p->siglock);
	if (it->expires)
		prev.value = it->expires > now ? it->expires - now : SCHED_SLICE_NS;
	prev.interval = it->interval;
	it->interval = nv->interval;
	/* Linux adds a tick (4 ms at its HZ=250) and keeps the interval */
	it->expires = nv->value ? now + nv->value + SCHED_SLICE_NS : 0;
	if (nv->value)
		tm->cpu_armed = true;
	spin_unlock_irqrestore(&p->siglock, f);
out:
	if (old)
		*old = prev;
	return 0;
}

long itimer_get(int which, struct itimer_val *cur)
{
	struct process *p = current_process();
	struct proc_timers *tm = &p->timers;
	uint64_t user, sys, now;
	struct cpu_itimer *it;
	irqflags_t f;

	*cur = (struct itimer_val){0};
	if (which == ITIMER_REAL) {
		f = spin_lock_irqsave(&p->siglock);
		now = time_ns();
		if (tm->real_expires)
			cur->value = tm->real_expires > now ? tm->real_expires - now : 1000;
		cur->interval = tm->real_interval;
		spin_unlock_irqrestore(&p->siglock, f);
		return 0;
	}
	if (which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	process_cputime(p, &user, &sys);
	now = which == ITIMER_VIRTUAL ? user : user + sys;
	it = which == ITIMER_VIRTUAL ? &tm->virt : &tm->prof;
	f = spin_lock_irqsave(&p->siglock);
	if (it->expires)
		cur->value = it->expires > now ? it->expires - now : SCHED_SLICE_NS;
	cur->interval = it->interval;
	spin_unlock_irqrestore(&p->siglock, f);
	return 0;
}

/* ---- POSIX timers ---- */

/* The timer `id` of `p` (siglock held), or NULL. */
static struct posix_timer *find_timer(struct process *p, int id)
{
	struct posix_timer *pt;

	list_for_each_entry (pt, &p->timers.posix, link) {
		if (pt->id == id)
			return pt;
	}
	return NULL;
}

static bool cpu_clock(int clock)
{
	return clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID;
}

long ptimer_create(int clock, const struct ptimer_event *ev, int *id)
{
	struct process *p = current_process();
	struct posix_timer *pt;
	irqflags_t f;

	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		break;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_ALARM: /* no wake-up alarm device */
	case CLOCK_BOOTTIME_ALARM:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
	pt = kzalloc(sizeof(*pt));
	if (!pt)
		return -EAGAIN;
	pt->proc = p;
	pt->clock = clock;
	pt->cpu = cpu_clock(clock);
	pt->notify = ev->notify;
	pt->signo = ev->signo;
	pt->tid = ev->tid;
	pt->value = ev->value;
	ktimer_init(&pt->kt, posix_expired, pt);
	list_init(&pt->q.link);
	f = spin_lock_irqsave(&p->siglock);
	/* each timer holds a signal in reserve, charged to the creator's
	 * user as a pending one (RLIMIT_SIGPENDING, kernel/sigpending.h) */
	pt->charge =
		sigpending_charge(current_cred()->uid, p->rlim[RLIMIT_SIGPENDING].rlim_cur, false);
	if (!pt->charge || p->timers.next_id == INT32_MAX) {
		spin_unlock_irqrestore(&p->siglock, f);
		sigpending_uncharge(pt->charge);
		kfree(pt);
		return -EAGAIN;
	}
	pt->id = p->timers.next_id++;
	p->timers.nr_posix++;
	if (ev->default_value)
		pt->value = (uint64_t)pt->id;
	list_add_tail(&pt->link, &p->timers.posix);
	spin_unlock_irqrestore(&p->siglock, f);
	*id = pt->id;
	return 0;
}

/* The clock's reading now, for the timer's expiry base. */
static uint64_t timer_now(const struct posix_timer *pt)
{
	uint64_t user, sys;

	if (!pt->cpu)
		return time_ns();
	process_cputime_locked(pt->proc, &user, &sys); /* siglock held */
	return user + sys;
}

/* What is left of `pt` (siglock held): Linux reports an expired timer
 * whose signal is still due as 1 ns, a SIGEV_NONE one-shot as 0. */
static void remaining_locked(struct posix_timer *pt, uint64_t now, struct itimer_val *cur)
{
	cur->interval = pt->interval;
	cur->value = 0;
	if (!pt->expires)
		return;
	if (pt->notify == SIGEV_NONE && pt->expires <= now)
		forward(&pt->expires, pt->interval, now);
	if (!pt->expires)
		return;
	cur->value = pt->expires > now ? pt->expires - now : 1;
}

/* Settime and delete drop the timer's pending signal (siglock held):
 * returns a queue entry to kfree after the lock. */
static struct sigq *drop_signal_locked(struct process *p, struct posix_timer *pt)
{
	struct sigq *dead;

	if (!pt->pending)
		return NULL;
	dead = signal_cancel_timer_locked(p, pt->signo, &pt->q, pt->id);
	pt->pending = false;
	pt->overrun = 0;
	return dead;
}

long ptimer_settime(int id, bool abs, const struct itimer_val *nv, struct itimer_val *old)
{
	struct process *p = current_process();
	struct posix_timer *pt;
	struct sigq *dead;
	struct itimer_val prev;
	uint64_t now, expires = 0;
	irqflags_t f;

	f = spin_lock_irqsave(&p->siglock);
	pt = find_timer(p, id);
	if (!pt) {
		spin_unlock_irqrestore(&p->siglock, f);
		return -EINVAL;
	}
	remaining_locked(pt, timer_now(pt), &prev);
	pt->expires = 0; /* a callback in flight sees it off */
	dead = drop_signal_locked(p, pt);
	spin_unlock_irqrestore(&p->siglock, f);
	kfree(dead);
	/* only this process's system calls free `pt`: it stays valid */
	ktimer_cancel(&pt->kt);
	f = spin_lock_irqsave(&p->siglock);
	now = timer_now(pt);
	if (nv->value && !abs) {
		expires = nv->value > UINT64_MAX - now ? UINT64_MAX : now + nv->value;
	} else if (nv->value) {
		/* the real-time clocks read the monotonic one plus an offset */
		int64_t base = pt->clock == CLOCK_REALTIME || pt->clock == CLOCK_TAI
				       ? clock_realtime_offset_ns()
				       : 0;
		int64_t rel = (int64_t)nv->value - base - (int64_t)now;

		expires = rel > 0 ? now + (uint64_t)rel : 1;
	}
	pt->expires = expires;
	pt->interval = nv->interval;
	if (expires && pt->cpu)
		p->timers.cpu_armed = true;
	spin_unlock_irqrestore(&p->siglock, f);
	if (expires && !pt->cpu)
		ktimer_arm(&pt->kt, expires);
	if (old)
		*old = prev;
	return 0;
}

long ptimer_gettime(int id, struct itimer_val *cur)
{
	struct process *p = current_process();
	struct posix_timer *pt;
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	long err = 0;

	pt = find_timer(p, id);
	if (pt)
		remaining_locked(pt, timer_now(pt), cur);
	else
		err = -EINVAL;
	spin_unlock_irqrestore(&p->siglock, f);
	return err;
}

long ptimer_getoverrun(int id)
{
	struct process *p = current_process();
	struct posix_timer *pt;
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	long r;

	pt = find_timer(p, id);
	r = pt ? pt->last_overrun : -EINVAL;
	spin_unlock_irqrestore(&p->siglock, f);
	return r;
}

/* Unlink `pt` (siglock held): no callback, tick or dequeue finds it
 * again, and its pending signal goes with it. */
static struct sigq *unlink_locked(struct process *p, struct posix_timer *pt)
{
	struct sigq *dead = drop_signal_locked(p, pt);

	list_del(&pt->link);
	p->timers.nr_posix--;
	pt->expires = 0;
	return dead;
}

static void free_timer(struct posix_timer *pt, struct sigq *dead)
{
	kfree(dead);
	ktimer_cancel(&pt->kt);
	sigpending_uncharge(pt->charge);
	kfree(pt);
}

long ptimer_delete(int id)
{
	struct process *p = current_process();
	struct posix_timer *pt;
	struct sigq *dead = NULL;
	irqflags_t f = spin_lock_irqsave(&p->siglock);

	pt = find_timer(p, id);
	if (pt)
		dead = unlink_locked(p, pt);
	spin_unlock_irqrestore(&p->siglock, f);
	if (!pt)
		return -EINVAL;
	free_timer(pt, dead);
	return 0;
}

/* Delete every POSIX timer of `p`. */
static void delete_all(struct process *p)
{
	for (;;) {
		irqflags_t f = spin_lock_irqsave(&p->siglock);
		struct posix_timer *pt = NULL;
		struct sigq *dead = NULL;

		if (!list_empty(&p->timers.posix)) {
			pt = list_first_entry(&p->timers.posix, struct posix_timer, link);
			dead = unlink_locked(p, pt);
		}
		spin_unlock_irqrestore(&p->siglock, f);
		if (!pt)
			return;
		free_timer(pt, dead);
	}
}

void ptimers_exec(struct process *p)
{
	delete_all(p);
}

void ptimers_exit(struct process *p)
{
	struct proc_timers *tm = &p->timers;
	irqflags_t f;

	/* every thread has left the group: their times are summed there */
	tm->exit_utime = p->dead_utime;
	tm->exit_stime = p->dead_stime;
	f = spin_lock_irqsave(&p->siglock);
	tm->real_expires = 0;
	tm->virt.expires = tm->prof.expires = 0;
	tm->cpu_armed = false;
	spin_unlock_irqrestore(&p->siglock, f);
	ktimer_cancel(&tm->real);
	delete_all(p);
}
