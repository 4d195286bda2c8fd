/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Signal generation and delivery (kernel/signal.h).
 *
 * Locking: p->siglock guards the actions, both pending sets and the stop
 * state; it is a leaf.  A sender takes p->threads_lock around it, picks
 * the thread to wake (thread.c: a thread on the list is alive) and wakes
 * it after dropping the siglock, still under threads_lock.
 *
 * Threads: a process-directed signal is pending on the process and taken
 * by whichever thread does not block it; the sender wakes the leader if
 * it does not block it, else the first thread that does not.  A
 * thread-directed one (tgkill, tkill, faults, SIGEV_THREAD_ID timers) is
 * pending on the thread, each instance with its siginfo on the thread's
 * own queue (real-time ones every instance, standard ones one).  A thread
 * takes its own signals before the process's; within each, synchronous
 * (fault) signals first, then the lowest number.  A fatal default
 * action ends the whole group (process_exit_group).  A stop signal stops
 * every thread: the first sets p->stopped and kicks the others, which
 * park on their way to user mode (signal_pending() is true meanwhile);
 * the parent is told once, and once again at the continue.
 *
 * The actions live in a handler table (sighand.c), shared by processes
 * cloned with CLONE_SIGHAND.
 *
 * Delivery runs on the target thread
 * itself, on its way back to user mode, with interrupts on.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/wait.h>
#include <asm-generic/siginfo.h>
#include <linux/capability.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/percpu.h>
#include <platform/sigframe.h>
#include <platform/upcall.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/ptimer.h>
#include <kernel/rseq.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/signalfd.h>
#include <kernel/sigpending.h>
#include "process.h"
#include "sighand.h"

#define STOP_SIGS   (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define IGNORE_SIGS (SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) | SIGBIT(SIGCONT))

enum dfl_action { DFL_TERM, DFL_IGNORE, DFL_STOP, DFL_CONT };

static enum dfl_action default_action(int sig)
{
	if (sig == SIGCONT)
		return DFL_CONT;
	if (SIGBIT(sig) & STOP_SIGS)
		return DFL_STOP;
	if (SIGBIT(sig) & IGNORE_SIGS)
		return DFL_IGNORE;
	return DFL_TERM; /* including the core-dumping ones: no core files yet */
}

static bool valid_sig(int sig)
{
	return sig >= 1 && sig <= NSIG_K;
}

int signal_init_process(struct process *p, const struct process *parent)
{
	int err = sighand_init(p, parent);

	if (err)
		return err;
	spin_lock_init(&p->siglock, "siglock", LOCK_RANK_NONE);
	list_init(&p->sig_queue);
	if (!parent)
		thread_group_init(p); /* signals walk the threads: every process has a group */
	return 0;
}

/* Would `sig` be thrown away on arrival? (siglock held)  Init takes only
 * the signals it has a handler for, as Linux's child reaper: a default
 * action is dropped, SIGKILL and SIGSTOP from user space included; only
 * the kernel's own SIGKILL or SIGSTOP (`from_user` false) gets through. */
static bool ignored_on_arrival(struct process *p, struct thread *t, int sig, bool from_user)
{
	const struct k_sigaction *a = &p->sigact[sig - 1];

	if (t && ((t->sigmask | t->real_blocked) & SIGBIT(sig)))
		return false; /* blocked signals stay: the action may change */
	if (a->handler == SIG_IGN_K)
		return true;
	if (a->handler != SIG_DFL_K)
		return false;
	if (p->pid == init_pid() && (from_user || !(SIGBIT(sig) & SIG_UNBLOCKABLE)))
		return true;
	return default_action(sig) == DFL_IGNORE;
}

static void notify_parent_stop(struct process *p, int code, int status);

static void kick_all(struct process *p)
{
	struct thread *t;

	list_for_each_entry (t, &p->threads, group_link)
		thread_wake(t);
}

/* Who takes process-directed `sig` (threads_lock held): the leader if it
 * does not block it, else the first thread that does not; all of them
 * for SIGKILL and SIGCONT. */
static void wake_for(struct process *p, int sig)
{
	struct thread *t, *main = p->main_thread;

	if (sig == SIGKILL || sig == SIGCONT) {
		kick_all(p);
		return;
	}
	if (main && !(READ_ONCE(main->sigmask) & SIGBIT(sig))) {
		thread_wake(main);
		return;
	}
	list_for_each_entry (t, &p->threads, group_link) {
		if (!(READ_ONCE(t->sigmask) & SIGBIT(sig))) {
			thread_wake(t);
			return;
		}
	}
}

/* SIGCONT and SIGKILL end a stop; a stop signal cancels a pending
 * SIGCONT, the process's and every thread's (threads_lock and siglock
 * held; entries to free after the lock go to `dead`). */
static void drop_pending_locked(struct process *p, uint64_t set, struct list_head *dead);

static void stop_cont_effects_locked(struct process *p, int sig, struct list_head *dead)
{
	if (sig == SIGCONT || sig == SIGKILL) {
		drop_pending_locked(p, STOP_SIGS, dead);
		if (p->stopped) {
			p->stopped = false;
			p->stop_done = false;
			p->stop_unreported = false;
			p->cont_unreported = true;
			p->cont_notify = true; /* the first thread to run tells the parent */
		}
	} else if (SIGBIT(sig) & STOP_SIGS) {
		drop_pending_locked(p, SIGBIT(SIGCONT), dead);
	}
}

enum queued { SIG_DISCARDED, SIG_IN_SLOT, SIG_MERGED, SIG_ON_QUEUE };

/* Make `sig` pending with `info` (NULL: SI_KERNEL), siglock held, the
 * instance carrying `charge` (sigpending.h).  The first instance takes the
 * signal's slot; with the slot taken, `q` (if any) carries this one on the
 * queue, else it merges into the pending one.  The charge stays with the
 * instance only for SIG_IN_SLOT and SIG_ON_QUEUE. */
static enum queued enqueue_locked(struct process *p, int sig, const struct ksiginfo *info,
				  struct sigq *q, bool from_user, int charge)
{
	if (ignored_on_arrival(p, p->main_thread, sig, from_user))
		return SIG_DISCARDED;
	if (!(p->sig_pending & SIGBIT(sig))) {
		struct ksiginfo *si = &p->sig_info[sig - 1];

		if (info)
			*si = *info;
		else
			*si = (struct ksiginfo){.code = SI_KERNEL};
		si->signo = sig;
		si->charge = charge;
		p->sig_pending |= SIGBIT(sig);
		return SIG_IN_SLOT;
	}
	if (!q)
		return SIG_MERGED;
	q->info = *info;
	q->info.signo = sig;
	q->info.charge = charge;
	q->owner = NULL; /* the process's */
	list_add_tail(&q->link, &p->sig_queue);
	p->sig_queued++;
	return SIG_ON_QUEUE;
}

/* Give back the charge of the instance `k` (siglock held). */
static void uncharge(struct ksiginfo *k)
{
	sigpending_uncharge(k->charge);
	k->charge = 0;
}

static void tq_flush_locked(struct process *p, struct thread *t, uint64_t set,
			    struct list_head *dead);

/* Drop the pending standard signals in `set`, the process's and the
 * threads' (threads_lock and siglock held): SIGCONT drops the stops, a
 * stop drops SIGCONT. */
static void drop_pending_locked(struct process *p, uint64_t set, struct list_head *dead)
{
	struct thread *t;

	for (uint64_t left = set & p->sig_pending; left; left &= left - 1)
		uncharge(&p->sig_info[__builtin_ctzll(left)]);
	p->sig_pending &= ~set;
	list_for_each_entry (t, &p->threads, group_link)
		tq_flush_locked(p, t, set, dead);
}

/* Charge a new instance of `sig` for `p` to its real uid, against its
 * limit (siglock held): 0 when refused.  Linux lets a standard signal
 * from the kernel or kill() (si_code >= 0) pass the limit, never a
 * real-time one; SIGKILL carries no siginfo and is never charged. */
static int charge_locked(struct process *p, int sig, const struct ksiginfo *info)
{
	bool override = sig < 32 && (!info || info->code >= 0);

	/* p->cred is replaced under the siglock too (kernel/cred.h) */
	return sigpending_charge(p->cred->uid, p->rlim[RLIMIT_SIGPENDING].rlim_cur, override);
}

static bool is_rt(int sig)
{
	return sig >= 32;
}

/* A real-time signal from kill() merges when the queue is full; from
 * sigqueue, tkill or the kernel with its own si_code, it fails. */
static bool must_queue(const struct ksiginfo *info)
{
	return info->code != SI_USER && info->code != SI_KERNEL;
}

/* An instance leaves the pending set (siglock held). */
static void release_info(struct process *p, struct ksiginfo *info)
{
	if (info->code == SI_TIMER)
		ptimer_signal_dequeued(p, info);
}

/* ---- a thread's own pending signals ----
 * Each instance with a siginfo is an entry on t->sig_queue, in the order
 * sent.  A bit of t->sig_pending with no entry lost its siginfo (no
 * memory, or over RLIMIT_SIGPENDING; SIGKILL has none): it is taken as
 * SI_USER from nobody, as on Linux. */

/* Make `sig` pending for `t` (siglock held), with `q`'s siginfo if `q`.
 * The caller merges a standard signal already pending (but a timer's
 * entry queues behind it, as on Linux). */
static void tq_add_locked(struct thread *t, int sig, struct sigq *q)
{
	t->sig_pending |= SIGBIT(sig);
	if (!q)
		return;
	q->owner = t;
	list_add_tail(&q->link, &t->sig_queue);
}

/* Is an instance of `sig` other than `skip` on t's queue? (siglock held) */
static bool tq_has_locked(struct thread *t, int sig, const struct sigq *skip)
{
	const struct sigq *q;

	list_for_each_entry (q, &t->sig_queue, link) {
		if (q != skip && q->info.signo == sig)
			return true;
	}
	return false;
}

/* Take `q` off its thread's queue, uncharged (siglock held). */
static void tq_del_locked(struct sigq *q)
{
	struct thread *t = q->owner;

	if (!tq_has_locked(t, q->info.signo, q))
		t->sig_pending &= ~SIGBIT(q->info.signo);
	list_del(&q->link);
	list_init(&q->link);
	q->owner = NULL;
	uncharge(&q->info);
}

/* Take t's next instance of pending `sig` into *info (siglock held);
 * returns a heap entry to kfree after the lock, or NULL. */
static struct sigq *tq_take_locked(struct process *p, struct thread *t, int sig,
				   struct ksiginfo *info)
{
	struct sigq *q;

	list_for_each_entry (q, &t->sig_queue, link) {
		if (q->info.signo != sig)
			continue;
		tq_del_locked(q);
		*info = q->info;
		release_info(p, info); /* a SIGEV_THREAD_ID timer's */
		return q->heap ? q : NULL;
	}
	t->sig_pending &= ~SIGBIT(sig);
	*info = (struct ksiginfo){.signo = sig, .code = SI_USER};
	return NULL;
}

/* Drop t's pending signals in `set` (siglock held); heap entries are
 * moved to `dead`, for kfree after the lock (free_dead). */
static void tq_flush_locked(struct process *p, struct thread *t, uint64_t set,
			    struct list_head *dead)
{
	struct list_head *pos, *tmp;

	if (!(t->sig_pending & set))
		return;
	list_for_each_safe (pos, tmp, &t->sig_queue) {
		struct sigq *q = list_entry(pos, struct sigq, link);

		if (!(SIGBIT(q->info.signo) & set))
			continue;
		tq_del_locked(q);
		release_info(p, &q->info);
		if (q->heap)
			list_add_tail(&q->link, dead);
	}
	t->sig_pending &= ~set;
}

static void free_dead(struct list_head *dead)
{
	while (!list_empty(dead)) {
		struct sigq *q = list_first_entry(dead, struct sigq, link);

		list_del(&q->link);
		kfree(q);
	}
}

void signal_thread_exit(struct process *p, struct thread *t)
{
	LIST_HEAD(dead);
	irqflags_t f = spin_lock_irqsave(&p->siglock);

	tq_flush_locked(p, t, ~0ull, &dead);
	spin_unlock_irqrestore(&p->siglock, f);
	free_dead(&dead);
}

/* The signal to take first from `set` (not empty): a synchronous one
 * (a fault's), then the lowest number, as Linux. */
static int next_signal(uint64_t set)
{
	const uint64_t sync = SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) |
			      SIGBIT(SIGFPE) | SIGBIT(SIGSYS);

	if (set & sync)
		set &= sync;
	return __builtin_ctzll(set) + 1;
}

static int send(struct process *p, int sig, const struct ksiginfo *info, bool from_user)
{
	struct thread *t;
	struct sigq *q = NULL;
	bool unused = false; /* q: freed after the (leaf) siglock */
	bool want_q, taken, retried = false;
	LIST_HEAD(dead);
	irqflags_t f;
	int err = 0, charge = 0;

	if (!valid_sig(sig))
		return -EINVAL;
	/* a queue entry, allocated outside the lock, for a second instance */
	want_q = is_rt(sig) && info && (READ_ONCE(p->sig_pending) & SIGBIT(sig));
retry:
	if (want_q && !q) {
		q = kmalloc(sizeof(*q));
		if (q)
			q->heap = true;
	}
	f = spin_lock_irqsave(&p->threads_lock);
	spin_lock(&p->siglock);
	t = p->main_thread;
	/* dropped at init before any side effect, as Linux (SIGCONT still
	 * continues a stopped init) */
	if (sig != SIGCONT && p->pid == init_pid() && ignored_on_arrival(p, t, sig, from_user)) {
		spin_unlock(&p->siglock);
		spin_unlock_irqrestore(&p->threads_lock, f);
		kfree(q);
		return 0;
	}
	stop_cont_effects_locked(p, sig, &dead);
	/* each new instance with a siginfo is charged to the receiver's user
	 * (RLIMIT_SIGPENDING): past the limit, sigqueue of a real-time
	 * signal fails, kill() of one and sigqueue of a standard one arrive
	 * without their siginfo (SI_USER from nobody, as Linux) */
	taken = p->sig_pending & SIGBIT(sig);
	if (taken && is_rt(sig) && info && !q && !retried) {
		/* it became pending since we looked: an entry, and again */
		spin_unlock(&p->siglock);
		spin_unlock_irqrestore(&p->threads_lock, f);
		retried = want_q = true;
		goto retry;
	}
	if (sig != SIGKILL && !ignored_on_arrival(p, t, sig, from_user) &&
	    (!taken || (is_rt(sig) && q)))
		charge = charge_locked(p, sig, info);
	if (charge || sig == SIGKILL || (taken && !is_rt(sig))) {
		enum queued r = enqueue_locked(p, sig, info, q, from_user, charge);

		if (r != SIG_ON_QUEUE)
			unused = true;
		if (r == SIG_DISCARDED || r == SIG_MERGED)
			sigpending_uncharge(charge);
	} else if (is_rt(sig) && info && must_queue(info) &&
		   !ignored_on_arrival(p, t, sig, from_user)) {
		err = -EAGAIN;
		unused = true;
	} else {
		struct ksiginfo lost = {.code = SI_USER};

		unused = true;
		enqueue_locked(p, sig, &lost, NULL, from_user, 0);
	}
	spin_unlock(&p->siglock);
	wake_for(p, sig); /* a sleeper (or a stopped thread) re-checks */
	signalfd_notify();
	spin_unlock_irqrestore(&p->threads_lock, f);
	if (unused)
		kfree(q);
	free_dead(&dead);
	return err;
}

int signal_send_tid(struct process *p, int tid, int sig, const struct ksiginfo *info)
{
	struct sigq *q = NULL; /* its siginfo's entry, allocated before the locks */
	struct thread *found;
	LIST_HEAD(dead);
	irqflags_t f;
	int err = 0, charge;

	if (sig && sig != SIGKILL) {
		q = kmalloc(sizeof(*q));
		if (q)
			q->heap = true;
	}
	f = spin_lock_irqsave(&p->threads_lock);
	found = process_thread_locked(p, tid);
	if (!found || !sig)
		goto out;
	spin_lock(&p->siglock);
	if (p->pid == init_pid() && ignored_on_arrival(p, found, sig, true) && sig != SIGCONT)
		goto out_unlock;
	stop_cont_effects_locked(p, sig, &dead);
	if (ignored_on_arrival(p, found, sig, true))
		goto out_wake; /* a SIGCONT still continues */
	if (!is_rt(sig) && (found->sig_pending & SIGBIT(sig)))
		goto out_wake; /* a standard signal merges */
	/* every instance with a siginfo is charged (RLIMIT_SIGPENDING): past
	 * the limit a real-time one fails (unless from kill()), a standard
	 * one arrives without its siginfo */
	charge = q ? charge_locked(p, sig, info) : 0;
	if (charge) {
		q->info = *info;
		q->info.signo = sig;
		q->info.charge = charge;
		tq_add_locked(found, sig, q);
		q = NULL;
	} else if (is_rt(sig) && must_queue(info)) {
		err = -EAGAIN;
	} else {
		tq_add_locked(found, sig, NULL);
	}
out_wake:
	spin_unlock(&p->siglock);
	signalfd_notify();
	if (sig == SIGKILL || sig == SIGCONT)
		kick_all(p);
	else
		thread_wake(found);
	goto out;
out_unlock:
	spin_unlock(&p->siglock);
out:
	spin_unlock_irqrestore(&p->threads_lock, f);
	kfree(q);
	free_dead(&dead);
	return found ? err : -ESRCH;
}

int signal_send(struct process *p, int sig, const struct ksiginfo *info)
{
	return send(p, sig, info, false);
}

int signal_send_user(struct process *p, int sig, const struct ksiginfo *info)
{
	return send(p, sig, info, true);
}

/* Linux's rule: a real or effective uid of the sender matches the
 * target's real or saved uid, or the sender has CAP_KILL; SIGCONT within
 * a session is always allowed. */
static int may_kill(const struct process *target, const struct cred *tc, int sig)
{
	const struct process *self = current_process();
	const struct cred *c = current_cred();

	if (target == self || capable(CAP_KILL))
		return 0;
	if (c->euid == tc->suid || c->euid == tc->uid || c->uid == tc->suid || c->uid == tc->uid)
		return 0;
	if (sig == SIGCONT && target->sid == self->sid)
		return 0;
	return -EPERM;
}

int signal_may_kill(const struct process *target, int sig)
{
	return may_kill(target, target->cred, sig); /* the leader's (proctree lock) */
}

int signal_may_kill_tid(struct process *target, int tid, int sig)
{
	const struct cred *tc = target->cred;
	struct thread *t;
	int err;

	spin_lock(&target->threads_lock);
	t = process_thread_locked(target, tid);
	if (t)
		tc = t->real_cred; /* replaced under the proctree lock we hold */
	err = may_kill(target, tc, sig);
	spin_unlock(&target->threads_lock);
	return err;
}

bool signal_kill_pending(const struct process *p)
{
	return READ_ONCE(p->sig_pending) & SIGBIT(SIGKILL);
}

bool signal_queue_timer_locked(struct process *p, int sig, const struct ksiginfo *info,
			       struct sigq *q, int tid)
{
	struct thread *t = tid ? process_thread_locked(p, tid) : NULL;

	q->heap = false;
	/* charged once, when the timer was created (ptimer.c) */
	if (!tid) /* for the process */
		return enqueue_locked(p, sig, info, q, false, 0) != SIG_DISCARDED;
	if (!t)
		return false; /* its thread is gone: nobody gets it, as on Linux */
	/* on the thread's own queue, as a second instance even of a
	 * standard signal already pending there (Linux queues a timer's
	 * entry regardless) */
	if (ignored_on_arrival(p, t, sig, false))
		return false;
	q->info = *info;
	q->info.signo = sig;
	q->info.charge = 0; /* charged when the timer was made */
	tq_add_locked(t, sig, q);
	return true;
}

void signal_unqueue_locked(struct process *p, struct sigq *q)
{
	if (list_empty(&q->link))
		return;
	if (q->owner) {
		tq_del_locked(q);
		return;
	}
	list_del(&q->link);
	list_init(&q->link);
	p->sig_queued--;
	uncharge(&q->info);
}

void signal_wake(struct process *p)
{
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);
	struct thread *t;

	if (p->main_thread)
		thread_wake(p->main_thread);
	/* and whoever has a signal of its own to take (SIGEV_THREAD_ID) */
	list_for_each_entry (t, &p->threads, group_link) {
		if (t != p->main_thread && (READ_ONCE(t->sig_pending) & ~READ_ONCE(t->sigmask)))
			thread_wake(t);
	}
	spin_unlock_irqrestore(&p->threads_lock, f);
	signalfd_notify();
}

/* The slot of pending `sig` was emptied (siglock held): move the next
 * queued instance in, or clear the bit when none is left.  Returns a heap
 * entry used up, for kfree after the lock. */
static struct sigq *refill_slot_locked(struct process *p, int sig)
{
	struct sigq *q;

	uncharge(&p->sig_info[sig - 1]);
	list_for_each_entry (q, &p->sig_queue, link) {
		if (q->info.signo != sig)
			continue;
		p->sig_info[sig - 1] = q->info;
		list_del(&q->link);
		p->sig_queued--;
		return q->heap ? q : NULL;
	}
	p->sig_pending &= ~SIGBIT(sig);
	return NULL;
}

/* Take the next instance of pending `sig` into *info (siglock held).
 * A heap entry used up is left in *dead, for kfree after the lock. */
static void take_locked(struct process *p, int sig, struct ksiginfo *info, struct sigq **dead)
{
	*info = p->sig_info[sig - 1];
	info->charge = 0; /* given back by the refill */
	*dead = refill_slot_locked(p, sig);
	release_info(p, info);
}

struct sigq *signal_cancel_timer_locked(struct process *p, int sig, struct sigq *q, int timerid)
{
	const struct ksiginfo *slot = &p->sig_info[sig - 1];

	if (!list_empty(&q->link)) {
		signal_unqueue_locked(p, q);
		return NULL;
	}
	if ((p->sig_pending & SIGBIT(sig)) && slot->code == SI_TIMER && slot->timerid == timerid)
		return refill_slot_locked(p, sig);
	return NULL;
}

void signal_discard(struct process *p, int sig)
{
	irqflags_t tf = spin_lock_irqsave(&p->threads_lock);
	struct thread *t;
	LIST_HEAD(dead);

	/* the threads' own pending instances (tkill, raise) go too */
	spin_lock(&p->siglock);
	list_for_each_entry (t, &p->threads, group_link)
		tq_flush_locked(p, t, SIGBIT(sig), &dead);
	spin_unlock(&p->siglock);
	spin_unlock_irqrestore(&p->threads_lock, tf);
	free_dead(&dead);
	for (;;) {
		irqflags_t f = spin_lock_irqsave(&p->siglock);
		struct sigq *dead = NULL;
		struct ksiginfo info;
		bool more = p->sig_pending & SIGBIT(sig);

		if (more)
			take_locked(p, sig, &info, &dead);
		spin_unlock_irqrestore(&p->siglock, f);
		kfree(dead);
		if (!more)
			return;
	}
}

void signal_free_queue(struct process *p)
{
	irqflags_t f = spin_lock_irqsave(&p->siglock);

	/* a reaped zombie's pending signals are no longer charged */
	for (int i = 0; i < NSIG_K; i++)
		uncharge(&p->sig_info[i]);
	spin_unlock_irqrestore(&p->siglock, f);
	sighand_release(p);
	for (;;) {
		struct sigq *q = NULL;

		f = spin_lock_irqsave(&p->siglock);
		if (!list_empty(&p->sig_queue)) {
			q = list_first_entry(&p->sig_queue, struct sigq, link);
			list_del(&q->link);
			p->sig_queued--;
			uncharge(&q->info);
		}
		spin_unlock_irqrestore(&p->siglock, f);
		if (!q)
			return;
		if (q->heap)
			kfree(q);
	}
}

static uint64_t deliverable(struct process *p, struct thread *t)
{
	return (p->sig_pending | t->sig_pending) & (~t->sigmask | SIG_UNBLOCKABLE);
}

/* SIGKILL, or a deliverable signal whose default action ends the process:
 * Linux turns such a signal into a group kill as it is sent, so it ends
 * killable waits too. */
bool fatal_signal_pending(void)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	uint64_t set;

	if (!p)
		return false;
	set = deliverable(p, t);
	if (set & SIGBIT(SIGKILL))
		return true;
	for (; set && p->pid != init_pid(); set &= set - 1) {
		int sig = __builtin_ctzll(set) + 1;

		if (READ_ONCE(p->sigact[sig - 1].handler) == SIG_DFL_K &&
		    default_action(sig) == DFL_TERM)
			return true;
	}
	return false;
}

bool signal_pending(void)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;

	if (!p)
		return false;
	if (READ_ONCE(p->stopped))
		return true; /* a group stop: park on the way out (deliver) */
	return READ_ONCE(p->sig_pending) | READ_ONCE(t->sig_pending) ? deliverable(p, t) != 0
								     : false;
}

void signal_force(int sig, const struct ksiginfo *info)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	struct sigq *q = kmalloc(sizeof(*q));
	irqflags_t f;

	if ((t->sigmask & SIGBIT(sig)) || READ_ONCE(p->sigact[sig - 1].handler) == SIG_IGN_K) {
		const struct k_sigaction dfl = {0}; /* SIG_DFL: the fault kills */
		struct k_sigaction old;

		t->sigmask &= ~SIGBIT(sig);
		signal_swap_action(p, sig, &dfl, &old);
	}
	f = spin_lock_irqsave(&p->siglock);
	/* an instance already pending on the thread keeps its siginfo */
	if (q && !(t->sig_pending & SIGBIT(sig))) {
		q->heap = true;
		q->info = *info;
		q->info.signo = sig;
		/* charged past the limit: a fault is never refused */
		q->info.charge =
			sigpending_charge(p->cred->uid, p->rlim[RLIMIT_SIGPENDING].rlim_cur, true);
		tq_add_locked(t, sig, q);
		q = NULL;
	}
	t->sig_pending |= SIGBIT(sig);
	spin_unlock_irqrestore(&p->siglock, f);
	kfree(q);
}

/* Take the lowest deliverable signal; 0 if none. */
static int dequeue(struct process *p, struct thread *t, struct ksiginfo *info,
		   struct k_sigaction *act)
{
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	uint64_t set = deliverable(p, t);
	struct sigq *dead = NULL;
	int sig = 0;

	if (set) {
		/* the thread's own signals first, then the process's */
		uint64_t mine = t->sig_pending & set;

		sig = next_signal(mine ? mine : set);
		if (mine)
			dead = tq_take_locked(p, t, sig, info);
		else
			take_locked(p, sig, info, &dead);
	}
	spin_unlock_irqrestore(&p->siglock, f);
	if (sig)
		*act = sighand_take_action(p, sig);
	kfree(dead);
	if (sig == SIGALRM)
		ptimer_real_dequeued(p);
	return sig;
}

uint64_t signal_wait_unblock(uint64_t set)
{
	struct thread *t = current_thread();
	irqflags_t f = spin_lock_irqsave(&t->proc->siglock);
	uint64_t saved = t->sigmask;

	t->real_blocked = saved;
	t->sigmask = saved & ~set;
	spin_unlock_irqrestore(&t->proc->siglock, f);
	return saved;
}

void signal_wait_restore(uint64_t saved)
{
	struct thread *t = current_thread();
	irqflags_t f = spin_lock_irqsave(&t->proc->siglock);

	t->sigmask = saved;
	t->real_blocked = 0;
	spin_unlock_irqrestore(&t->proc->siglock, f);
}

int signal_dequeue_set(uint64_t set, struct ksiginfo *info)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	uint64_t mine = t->sig_pending & set, all = (t->sig_pending | p->sig_pending) & set;
	struct sigq *dead = NULL;
	int sig = 0;

	if (all) {
		sig = next_signal(mine ? mine : all);
		if (mine)
			dead = tq_take_locked(p, t, sig, info);
		else
			take_locked(p, sig, info, &dead);
	}
	spin_unlock_irqrestore(&p->siglock, f);
	kfree(dead);
	if (sig == SIGALRM)
		ptimer_real_dequeued(p);
	return sig;
}

/* ---- job control ---- */

/* Tell the parent a child stopped or continued: SIGCHLD unless it asked
 * for SA_NOCLDSTOP, and a wake-up either way (wait4 WUNTRACED re-checks).
 * Called by the stopping or continuing thread itself, holding no lock. */
static void notify_parent_stop(struct process *p, int code, int status)
{
	struct ksiginfo si = {.code = code, .pid = p->pid, .status = status};
	irqflags_t f = process_lock_tree();
	struct process *parent = p->parent;

	if (parent && !(parent->sigact[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		signal_send(parent, SIGCHLD, &si);
	else if (parent)
		signal_wake(parent);
	process_unlock_tree(f);
}

/* Has every thread of the group parked in its stop (siglock held)?  The
 * first time it has, the stop is complete and becomes reportable: Linux
 * tells the parent only once the last thread has stopped, so a waiter
 * never sees a "stopped" child with threads still running. */
static bool stop_complete_locked(struct process *p)
{
	if (!p->stopped || p->stop_done)
		return false;
	if (p->nr_threads == 0 || p->stop_parked < p->nr_threads || READ_ONCE(p->group_exit))
		return false;
	p->stop_done = true;
	p->stop_unreported = true;
	return true;
}

/* `t` is no longer parked in the group's stop (siglock held). */
static void unpark_locked(struct process *p, struct thread *t)
{
	if (t->stop_parked) {
		t->stop_parked = false;
		p->stop_parked--;
	}
}

/* A thread left the group (siglock held): a stop waiting only for it is
 * complete now; true if the caller must tell the parent. */
bool signal_thread_left_locked(struct process *p, struct thread *t)
{
	unpark_locked(p, t);
	return stop_complete_locked(p);
}

void signal_report_stop(struct process *p)
{
	notify_parent_stop(p, CLD_STOPPED, p->stop_sig);
}

/* Sleep while the group is stopped; SIGCONT or SIGKILL ends it.  The last
 * thread to park reports the stop, the first to run again the continue. */
static void park(struct process *p)
{
	struct thread *t = current_thread();

	for (;;) {
		irqflags_t f = spin_lock_irqsave(&p->siglock);
		bool stopped_now;

		t->state = THREAD_SLEEPING;
		if (!p->stopped || ((t->sig_pending | p->sig_pending) & SIGBIT(SIGKILL))) {
			bool report = p->cont_notify;

			p->cont_notify = false;
			unpark_locked(p, t);
			t->state = THREAD_RUNNING;
			spin_unlock_irqrestore(&p->siglock, f);
			if (report)
				notify_parent_stop(p, CLD_CONTINUED, SIGCONT);
			return;
		}
		if (!t->stop_parked) {
			t->stop_parked = true;
			p->stop_parked++;
		}
		stopped_now = stop_complete_locked(p);
		if (stopped_now) {
			/* tell the parent awake: notify takes other locks */
			t->state = THREAD_RUNNING;
			spin_unlock_irqrestore(&p->siglock, f);
			signal_report_stop(p);
			continue;
		}
		spin_unlock(&p->siglock);
		schedule();
		irq_restore(f);
	}
}

/* A stop signal was taken: stop every thread; the last to park reports. */
static void do_stop(struct process *p, int sig)
{
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);
	bool first;

	spin_lock(&p->siglock);
	first = !p->stopped;
	if (first) {
		p->stopped = true;
		p->stop_done = false;
		p->stop_sig = sig;
		p->stop_unreported = false;
		p->cont_unreported = false;
		p->cont_notify = false;
	}
	spin_unlock(&p->siglock);
	if (first)
		kick_all(p); /* the others park on their way to user mode */
	spin_unlock_irqrestore(&p->threads_lock, f);
	park(p);
}

int signal_peek_stop_report(struct process *p, bool stopped, bool continued, bool consume)
{
	int status = 0;
	irqflags_t f = spin_lock_irqsave(&p->siglock);

	if (stopped && p->stopped && p->stop_unreported) {
		p->stop_unreported = !consume;
		status = (p->stop_sig << 8) | 0x7f;
	} else if (continued && p->cont_unreported) {
		p->cont_unreported = !consume;
		status = 0xffff;
	}
	spin_unlock_irqrestore(&p->siglock, f);
	return status;
}

/* ---- delivery ---- */

static void fill_siginfo(siginfo_t *si, const struct ksiginfo *k)
{
	union sigval v;

	memset(si, 0, sizeof(*si));
	si->si_signo = k->signo;
	si->si_errno = k->errno_;
	si->si_code = k->code;
	memcpy(&v, &k->value, sizeof(v));
	if (k->code == SI_TIMER) {
		si->si_tid = k->timerid;
		si->si_overrun = k->overrun;
		si->si_value = v;
		return;
	}
	switch (k->signo) {
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		memcpy(&si->si_addr, &k->addr, sizeof(k->addr));
		break;
	case SIGCHLD:
		si->si_pid = k->pid;
		si->si_uid = k->uid;
		si->si_status = k->status;
		break;
	default:
		if (k->code >= POLL_IN && k->code <= POLL_HUP) { /* SIGPOLL's fields */
			si->si_band = k->band;
			si->si_fd = k->fd;
			break;
		}
		si->si_pid = k->pid;
		si->si_uid = k->uid;
		si->si_value = v;
	}
}

void signal_fill_siginfo(void *si, const struct ksiginfo *k)
{
	fill_siginfo(si, k);
}

static bool on_altstack(const struct thread *t, uintptr_t sp)
{
	return t->altstack_size && sp > t->altstack_sp && sp - t->altstack_sp <= t->altstack_size;
}

/* The handler frame: on the alternate stack for SA_ONSTACK (unless already
 * there), with the siginfo Linux would give. */
static int setup_frame(struct arch_regs *r, int sig, const struct k_sigaction *act,
		       const struct ksiginfo *info, uint64_t blocked)
{
	struct thread *t = current_thread();
	uintptr_t sp = regs_user_sp(r);
	bool on = on_altstack(t, sp);
	siginfo_t si;
	struct sigframe_info fi = {
		.sig = sig,
		.handler = act->handler,
		.restorer = act->restorer,
		.ss_sp = t->altstack_sp,
		.ss_size = t->altstack_size,
		.ss_flags = t->altstack_size ? (on ? SS_ONSTACK : 0) : SS_DISABLE,
		.blocked = blocked,
		.fault_addr = info->addr,
		.siginfo = &si,
	};

	_Static_assert(sizeof(si) == SIGINFO_BYTES, "siginfo_t size");
	fill_siginfo(&si, info);
	if ((act->flags & SA_ONSTACK) && t->altstack_size && !on &&
	    !(t->altstack_flags & SS_DISABLE))
		fi.stack_top = t->altstack_sp + t->altstack_size;
	return sigframe_setup(r, &fi);
}

/* Deliver what is pending; `nr`/`ret` describe the system call being
 * left (nr < 0: not a system call). */
static void deliver(struct arch_regs *r, long nr, long ret)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	bool restartable = nr >= 0 && (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND ||
				       ret == -ERESTARTNOINTR);

	if (!p)
		return;
	if (READ_ONCE(p->stopped))
		park(p); /* another thread stopped the group */
	for (;;) {
		struct ksiginfo info;
		struct k_sigaction act;
		int sig = dequeue(p, t, &info, &act);
		uint64_t blocked;

		if (!sig)
			break;
		if (act.handler == SIG_IGN_K)
			continue;
		if (act.handler == SIG_DFL_K) {
			switch (default_action(sig)) {
			case DFL_IGNORE:
			case DFL_CONT:
				continue;
			case DFL_STOP:
				if (p->pid == init_pid())
					continue;
				do_stop(p, sig);
				continue;
			case DFL_TERM:
				if (p->pid == init_pid() && sig != SIGKILL && !info.addr &&
				    info.code != SI_KERNEL + 1)
					continue; /* init ignores what it does not handle */
				process_exit_group(sig);
			}
		}
		/* a handler */
		if (restartable) {
			if (ret == -ERESTARTNOHAND ||
			    (ret == -ERESTARTSYS && !(act.flags & SA_RESTART)))
				regs_set_return(r, -EINTR);
			else
				regs_restart_syscall(r, nr);
			restartable = false;
		}
		blocked = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
		t->restore_sigmask = false;
		if (setup_frame(r, sig, &act, &info, blocked)) {
			struct ksiginfo segv = {.code = SI_KERNEL};

			pr_info("pid %d: cannot build a signal frame: SIGSEGV\n", p->pid);
			signal_force(SIGSEGV, &segv);
			continue;
		}
		t->sigmask |= act.mask | (act.flags & SA_NODEFER ? 0 : SIGBIT(sig));
		t->sigmask &= ~SIG_UNBLOCKABLE;
		/* more pending signals stack their frames on this one, as on
		 * Linux: the last one set up runs first */
	}
	if (restartable)
		regs_restart_syscall(r, nr); /* no handler ran: transparently again */
	if (t->restore_sigmask) {
		t->sigmask = t->saved_sigmask;
		t->restore_sigmask = false;
	}
}

void signal_syscall_exit(struct arch_regs *r, long nr, long ret)
{
	deliver(r, nr, ret);
}

void return_to_user(struct arch_regs *r)
{
	struct thread *t = current_thread();
	bool pending = t->proc && signal_pending();

	/* before a handler's frame saves the pc: it may have to be an abort */
	if (rseq_due(t, pending)) {
		rseq_return_to_user(r);
		pending = t->proc && signal_pending(); /* its SIGSEGV, if any */
	}
	if (pending)
		deliver(r, -1, 0);
}
