/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Thread groups: clone(CLONE_THREAD), a thread leaving its group, group
 * exit (exit_group, fatal signals), the single-threading that execve from
 * any thread does, and the per-thread CPU clocks.
 *
 * A process's live threads hang on p->threads under p->threads_lock (rank
 * THREADS: above the tree lock, below the run queues, so threads are
 * woken under it; the siglock nests inside).  A thread is on the list
 * from its creation until it exits, so a thread found on the list under
 * the lock is alive and its memory valid.  The list also changes under
 * the siglock (taken inside), so either lock is enough to walk it.
 * main_thread is the leader, or once the leader has exited another live
 * thread: the one process-wide signals are aimed at first.  The pid stays the leader's, and
 * the process becomes a zombie only when its last thread is gone, as on
 * Linux (whose leader lingers as a zombie thread meanwhile).
 *
 * Group exit: the first exit_group (or fatal signal) records the status,
 * marks the group exiting and makes SIGKILL pending on every other
 * thread, waking it or (on another CPU) interrupting it; each dies on its
 * way back to user mode or out of its interrupted sleep.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/futex.h>
#include <platform/kmalloc.h>
#include <platform/percpu.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/vm.h>
#include <kernel/waitqueue.h>
#include "process.h"

/* The list holds exactly one thread (threads_lock held). */
static bool only_thread(const struct process *p)
{
	return !list_empty(&p->threads) && p->threads.next == p->threads.prev;
}

void thread_group_init(struct process *p)
{
	spin_lock_init(&p->threads_lock, "threads", LOCK_RANK_THREADS);
	list_init(&p->threads);
	wq_init(&p->threads_wq);
}

void thread_group_first(struct process *p, struct thread *t)
{
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);

	spin_lock(&p->siglock);
	list_add_tail(&t->group_link, &p->threads);
	WRITE_ONCE(p->nr_threads, p->nr_threads + 1);
	p->main_thread = t;
	spin_unlock(&p->siglock);
	spin_unlock_irqrestore(&p->threads_lock, f);
}

/* SIGKILL every thread of `p` but `except` (threads_lock held). */
static void kill_others_locked(struct process *p, struct thread *except)
{
	struct thread *t;

	list_for_each_entry (t, &p->threads, group_link) {
		if (t == except || t == p->execer)
			continue;
		spin_lock(&p->siglock);
		t->sig_pending |= SIGBIT(SIGKILL);
		spin_unlock(&p->siglock);
		thread_wake(t);
	}
}

long process_clone_thread(const struct arch_regs *regs, const struct fork_args *fa)
{
	struct process *p = current_process();
	struct thread *self = current_thread(), *t;
	struct user_start *s;
	irqflags_t f;
	int tid;

	if (rlimit_nproc_exceeded(p))
		return -EAGAIN;
	s = kzalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->vm = p->vm;
	s->proc = p;
	s->resume = true;
	s->regs = *regs;
	if (fa->stack)
		regs_set_sp(&s->regs, fa->stack);
	regs_set_return(&s->regs, 0);
	s->tls = fa->set_tls ? fa->tls : context_user_tls();
	s->sigmask = self->sigmask;
	s->set_child_tid = fa->set_child_tid;
	vm_get(s->vm);
	t = thread_new(self->name, user_thread_start, s);
	if (!t) {
		vm_put(s->vm);
		kfree(s);
		return -ENOMEM;
	}
	t->sigmask = s->sigmask;
	t->proc = p;
	cred_thread_init(t, self->real_cred);
	t->clear_child_tid = fa->clear_child_tid;
	t->fs = process_fs_for_child(fa->share_fs);
	t->files = process_files_for_child(fa->share_files);
	if (!t->fs || !t->files) {
		process_thread_drop_context(t);
		vm_put(s->vm);
		kfree(s);
		thread_put(t); /* never started: both references go */
		thread_put(t);
		return -ENOMEM;
	}
	tid = t->tid;
	/* the parent's copy is written before the thread can run (and exit) */
	if (fa->parent_tid)
		(void)put_user(tid, (int __user *)uptr(fa->parent_tid));

	f = spin_lock_irqsave(&p->threads_lock);
	if (p->group_exit || (READ_ONCE(self->sig_pending) & SIGBIT(SIGKILL))) {
		/* the group is dying: the caller dies on its way out */
		spin_unlock_irqrestore(&p->threads_lock, f);
		process_thread_drop_context(t);
		vm_put(s->vm);
		kfree(s);
		thread_put(t); /* never started: both references go */
		thread_put(t);
		return -ERESTARTSYS; /* never seen: the caller dies first */
	}
	spin_lock(&p->siglock);
	list_add_tail(&t->group_link, &p->threads);
	WRITE_ONCE(p->nr_threads, p->nr_threads + 1);
	spin_unlock(&p->siglock);
	__atomic_add_fetch(&p->live_threads, 1, __ATOMIC_ACQ_REL);
	spin_unlock_irqrestore(&p->threads_lock, f);
	thread_start_new(t);
	thread_put(t);
	return tid;
}

/* CLONE_CHILD_CLEARTID (set_tid_address): zero the word and wake one
 * futex waiter on it, what pthread_join waits for.  Through the futex
 * system call itself, so this file needs nothing of its internals. */
static void clear_child_tid(struct thread *t)
{
	uintptr_t addr = t->clear_child_tid;
	struct syscall_args a = {.nr = -1, .arg = {addr, FUTEX_WAKE, 1}};

	t->clear_child_tid = 0;
	if (put_user(0, (int __user *)uptr(addr)))
		return;
	(void)sys_futex(&a);
}

void thread_group_leave(struct thread *t, struct process *p, int status)
{
	uint64_t user, sys;
	irqflags_t f;
	bool stop_complete;
	int heir = 0;

	thread_cputime(t, &user, &sys);
	f = spin_lock_irqsave(&p->threads_lock);
	spin_lock(&p->siglock);
	list_del(&t->group_link);
	WRITE_ONCE(p->nr_threads, p->nr_threads - 1);
	stop_complete = signal_thread_left_locked(p, t);
	p->dead_utime += user;
	p->dead_stime += sys;
	if (p->main_thread == t && !list_empty(&p->threads))
		p->main_thread = list_first_entry(&p->threads, struct thread, group_link);
	/* a group exit ends them all: the process's death is reported once */
	if (!p->group_exit && !list_empty(&p->threads))
		heir = list_first_entry(&p->threads, struct thread, group_link)->tid;
	/* the last thread to start exiting gives the process its status, as
	 * Linux's synchronize_group_exit: not the last to finish, which may be
	 * one it woke below (a leader's joiner) while it still tears down */
	if (!p->group_exit && list_empty(&p->threads)) {
		p->group_exit = true;
		p->group_exit_status = status;
	}
	spin_unlock(&p->siglock);
	spin_unlock_irqrestore(&p->threads_lock, f);
	if (heir)
		process_thread_orphans(p, t->tid, heir);
	if (stop_complete)
		signal_report_stop(p); /* the stop waited only for this thread */
	signal_thread_exit(p, t);      /* its own pending signals, uncharged */
	wq_wake_all(&p->threads_wq);   /* an exec waiting for the others */
	/* after leaving the list: a joiner woken here finds the tid gone */
	if (t->clear_child_tid && t->vm)
		clear_child_tid(t);
}

__noreturn void process_exit_group(int status)
{
	struct thread *self = current_thread();
	struct process *p = self->proc;

	if (p) {
		irqflags_t f = spin_lock_irqsave(&p->threads_lock);

		if (!p->group_exit) {
			p->group_exit = true;
			p->group_exit_status = status;
		}
		kill_others_locked(p, self);
		spin_unlock_irqrestore(&p->threads_lock, f);
	}
	process_exit(status);
}

static long only_one_left(void *arg)
{
	struct process *p = arg;
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);
	bool one = only_thread(p);

	spin_unlock_irqrestore(&p->threads_lock, f);
	return one;
}

int process_exec_single(void)
{
	struct thread *self = current_thread();
	struct process *p = self->proc;
	irqflags_t f;
	int err = 0;

	f = spin_lock_irqsave(&p->threads_lock);
	if (only_thread(p) && p->main_thread == self) {
		spin_unlock_irqrestore(&p->threads_lock, f);
		return 0;
	}
	if (p->group_exit || p->execer) {
		spin_unlock_irqrestore(&p->threads_lock, f);
		return -EINTR; /* the group is dying or another exec won: so do we */
	}
	p->group_exit = true;
	p->execer = self;
	kill_others_locked(p, self);
	spin_unlock_irqrestore(&p->threads_lock, f);

	if (wq_sleep_killable_until(&p->threads_wq, only_one_left, p) < 0)
		err = -EINTR;
	f = spin_lock_irqsave(&p->threads_lock);
	p->execer = NULL;
	if (!err) {
		p->group_exit = false;
		/* the survivor takes the leader's place and its tid, the pid */
		spin_lock(&p->siglock);
		self->tid = p->pid;
		p->main_thread = self;
		spin_unlock(&p->siglock);
	}
	spin_unlock_irqrestore(&p->threads_lock, f);
	if (!err)
		process_became_leader(p, self);
	return err;
}

void process_set_comm(struct process *p, struct thread *t, const char *name)
{
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);

	strlcpy(t->name, name, sizeof(t->name));
	if (p->main_thread == t)
		strlcpy(p->comm, name, sizeof(p->comm));
	spin_unlock_irqrestore(&p->threads_lock, f);
}

struct process *process_find_any(int id)
{
	struct process *p = process_find(id);

	if (p)
		return p;
	for_each_process(p)
	{
		irqflags_t f = spin_lock_irqsave(&p->threads_lock);
		struct thread *t;
		bool found = false;

		list_for_each_entry (t, &p->threads, group_link)
			found |= t->tid == id;
		spin_unlock_irqrestore(&p->threads_lock, f);
		if (found)
			return p;
	}
	return NULL;
}

struct thread *process_thread_locked(struct process *p, int tid)
{
	struct thread *t;

	list_for_each_entry (t, &p->threads, group_link) {
		if (t->tid == tid)
			return t;
	}
	return NULL;
}

bool process_has_thread(struct process *p, int tid)
{
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);
	bool found = process_thread_locked(p, tid) != NULL;

	spin_unlock_irqrestore(&p->threads_lock, f);
	return found;
}

int process_next_tid(int pid, int from)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find(pid);
	int best = -1;

	if (p) {
		struct thread *t;

		spin_lock(&p->threads_lock);
		list_for_each_entry (t, &p->threads, group_link) {
			if (t->tid >= from && (best < 0 || t->tid < best))
				best = t->tid;
		}
		spin_unlock(&p->threads_lock);
	}
	process_unlock_tree(f);
	return best;
}

int process_rename_thread(struct process *p, int tid, const char *name)
{
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);
	struct thread *t;
	int err = -ESRCH;

	list_for_each_entry (t, &p->threads, group_link) {
		if (t->tid != tid)
			continue;
		strlcpy(t->name, name, sizeof(t->name));
		if (p->main_thread == t)
			strlcpy(p->comm, name, sizeof(p->comm));
		err = 0;
	}
	spin_unlock_irqrestore(&p->threads_lock, f);
	return err;
}

/* ---- CPU clocks ---- */

/* The list changes under both locks: either one is enough to walk it. */
void process_cputime_locked(struct process *p, uint64_t *user, uint64_t *sys)
{
	struct thread *t;

	*user = p->dead_utime;
	*sys = p->dead_stime;
	if (p->state != PROC_ALIVE) {
		*user = p->timers.exit_utime;
		*sys = p->timers.exit_stime;
	}
	list_for_each_entry (t, &p->threads, group_link) {
		uint64_t u, s;

		thread_cputime(t, &u, &s);
		*user += u;
		*sys += s;
	}
}

void process_cputime(struct process *p, uint64_t *user, uint64_t *sys)
{
	irqflags_t f = spin_lock_irqsave(&p->siglock);

	process_cputime_locked(p, user, sys);
	spin_unlock_irqrestore(&p->siglock, f);
}

int thread_clock_ns(int tid, uint64_t *ns)
{
	struct process *p = current_process();
	irqflags_t f = spin_lock_irqsave(&p->threads_lock);
	struct thread *t;
	int err = -EINVAL;

	list_for_each_entry (t, &p->threads, group_link) {
		uint64_t u, s;

		if (t->tid != tid)
			continue;
		thread_cputime(t, &u, &s);
		*ns = u + s;
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&p->threads_lock, f);
	return err;
}

int process_clock_ns(int pid, uint64_t *ns)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find(pid);
	uint64_t u = 0, s = 0;

	if (p)
		process_cputime(p, &u, &s);
	process_unlock_tree(f);
	*ns = u + s;
	return p ? 0 : -EINVAL;
}
