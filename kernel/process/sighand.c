/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Handler tables (kernel/process/sighand.h): the actions of a process's
 * signals, shared by the processes cloned with CLONE_SIGHAND (Linux's
 * sighand_struct; a thread group holds one table in its process), copied
 * by fork and by execve when shared, reset by execve.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include "sighand.h"

/* A handler table (Linux's sighand_struct): a process's own, or shared by
 * the processes cloned with CLONE_SIGHAND (a thread group holds one table
 * in its process).  Its lock guards the entries; it is a leaf, never
 * taken with a siglock: a sender reads a handler (one word) without it,
 * the delivering thread reads the whole action after taking the signal
 * off its pending set, locklessly: `seq` is a sequence count (odd while
 * a writer changes an entry), read as Boehm's C11 seqlock, the entries
 * as relaxed atomics.  Delivery stays one lock cheaper. */
struct sighand {
	struct spinlock lock;
	int refs;     /* atomic: processes using it */
	unsigned seq; /* even when stable; written under lock */
	struct k_sigaction act[NSIG_K];
};

/* Store *a in entry `e` of a table others may read (lock held, between
 * write_begin and write_end). */
static void put_action(struct k_sigaction *e, const struct k_sigaction *a)
{
	__atomic_store_n(&e->handler, a->handler, __ATOMIC_RELAXED);
	__atomic_store_n(&e->flags, a->flags, __ATOMIC_RELAXED);
	__atomic_store_n(&e->restorer, a->restorer, __ATOMIC_RELAXED);
	__atomic_store_n(&e->mask, a->mask, __ATOMIC_RELAXED);
}

/* The count goes odd before the entries change (the release fence orders
 * the count's store before theirs) and even after (a release store). */
static void write_begin(struct sighand *sh)
{
	__atomic_store_n(&sh->seq, sh->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void write_end(struct sighand *sh)
{
	__atomic_store_n(&sh->seq, sh->seq + 1, __ATOMIC_RELEASE);
}

static struct sighand *sighand_of(const struct process *p)
{
	return container_of(p->sigact, struct sighand, act[0]);
}

static struct sighand *sighand_new(const struct k_sigaction *from)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (!sh)
		return NULL;
	spin_lock_init(&sh->lock, "sighand", LOCK_RANK_NONE);
	sh->refs = 1;
	if (from)
		memcpy(sh->act, from, sizeof(sh->act));
	return sh;
}

static void sighand_put(struct sighand *sh)
{
	if (__atomic_sub_fetch(&sh->refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sh);
}

int sighand_init(struct process *p, const struct process *parent)
{
	struct sighand *sh = sighand_new(parent ? parent->sigact : NULL);

	if (!sh)
		return -ENOMEM;
	p->sigact = sh->act;
	return 0;
}

void sighand_release(struct process *p)
{
	if (p->sigact) {
		sighand_put(sighand_of(p));
		p->sigact = NULL;
	}
}

/* The action of `sig` for a delivery, read without the lock: retried
 * while the count is odd or changed (the acquire load and fence pair
 * with write_begin/write_end).  A one-shot handler resets, only the
 * handler (sigaction reads the flags and mask back), under the lock. */
struct k_sigaction sighand_take_action(struct process *p, int sig)
{
	struct sighand *sh = sighand_of(p);
	struct k_sigaction *e = &p->sigact[sig - 1], a;
	unsigned s;

	do {
		s = __atomic_load_n(&sh->seq, __ATOMIC_ACQUIRE);
		a.handler = __atomic_load_n(&e->handler, __ATOMIC_RELAXED);
		a.flags = __atomic_load_n(&e->flags, __ATOMIC_RELAXED);
		a.restorer = __atomic_load_n(&e->restorer, __ATOMIC_RELAXED);
		a.mask = __atomic_load_n(&e->mask, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((s & 1) || __atomic_load_n(&sh->seq, __ATOMIC_RELAXED) != s);
	if (a.handler > SIG_IGN_K && (a.flags & SA_RESETHAND)) {
		irqflags_t f = spin_lock_irqsave(&sh->lock);
		struct k_sigaction dfl = *e; /* what it is now: the delivery used `a` */

		dfl.handler = SIG_DFL_K;
		write_begin(sh);
		put_action(e, &dfl);
		write_end(sh);
		spin_unlock_irqrestore(&sh->lock, f);
	}
	return a;
}

void signal_swap_action(struct process *p, int sig, const struct k_sigaction *act,
			struct k_sigaction *old)
{
	struct sighand *sh = sighand_of(p);
	irqflags_t f = spin_lock_irqsave(&sh->lock);

	*old = p->sigact[sig - 1];
	if (act) {
		write_begin(sh);
		put_action(&p->sigact[sig - 1], act);
		write_end(sh);
	}
	spin_unlock_irqrestore(&sh->lock, f);
}

void signal_fork(struct process *child, struct process *parent, bool share, bool clear)
{
	struct sighand *mine = sighand_of(child), *theirs = sighand_of(parent);
	irqflags_t f;

	if (share) {
		__atomic_add_fetch(&theirs->refs, 1, __ATOMIC_ACQ_REL);
		child->sigact = theirs->act;
		sighand_put(mine);
		return;
	}
	f = spin_lock_irqsave(&theirs->lock);
	memcpy(mine->act, theirs->act, sizeof(mine->act));
	spin_unlock_irqrestore(&theirs->lock, f);
	for (int i = 0; clear && i < NSIG_K; i++) {
		if (mine->act[i].handler > SIG_IGN_K) /* caught: SIG_DFL; ignored stays */
			mine->act[i] = (struct k_sigaction){0};
	}
}

int signal_unshare_handlers(struct process *p)
{
	struct sighand *sh = sighand_of(p), *own;
	irqflags_t f;

	if (__atomic_load_n(&sh->refs, __ATOMIC_ACQUIRE) == 1)
		return 0;
	own = sighand_new(NULL);
	if (!own)
		return -ENOMEM;
	f = spin_lock_irqsave(&sh->lock);
	memcpy(own->act, sh->act, sizeof(own->act));
	spin_unlock_irqrestore(&sh->lock, f);
	/* the caller is p's only thread: nothing of p reads the old one */
	f = spin_lock_irqsave(&p->siglock);
	p->sigact = own->act;
	spin_unlock_irqrestore(&p->siglock, f);
	sighand_put(sh);
	return 0;
}

void signal_exec(struct process *p)
{
	struct sighand *sh = sighand_of(p);
	irqflags_t f;

	f = spin_lock_irqsave(&sh->lock);
	write_begin(sh);
	for (int i = 0; i < NSIG_K; i++) {
		struct k_sigaction a = {.handler = p->sigact[i].handler == SIG_IGN_K ? SIG_IGN_K
										     : SIG_DFL_K};

		put_action(&p->sigact[i], &a);
	}
	write_end(sh);
	spin_unlock_irqrestore(&sh->lock, f);
	current_thread()->altstack_sp = 0;
	current_thread()->altstack_size = 0;
	current_thread()->altstack_flags = SS_DISABLE;
}
