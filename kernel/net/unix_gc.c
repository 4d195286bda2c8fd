/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Descriptors in flight over AF_UNIX sockets (kernel/net/unix.h): their
 * accounting, the per-user limit, and the collector of unreachable
 * cycles.
 *
 * A file is in flight while an skb on some socket's queue holds it
 * (SCM_RIGHTS).  Every such file is charged to the sender's real user
 * (at most RLIMIT_NOFILE of them may be in flight before a send gets
 * ETOOMANYREFS, as on Linux); a Unix socket's file also counts its
 * in-flight copies in u->inflight.  A socket whose every file reference
 * is an in-flight copy (file refs == inflight) is a candidate: nobody
 * holds it but queues.  Sockets sent over themselves, or to each other,
 * and then closed are candidates forever unless collected: their queues
 * hold their files, which hold the queues.
 *
 * The collector (run when a Unix socket is released, or on a send once
 * too many sockets are in flight, as Linux) takes the candidates, and
 * subtracts from each the copies found on candidates' queues (embryos a
 * candidate listener holds count as its queue).  A candidate with copies
 * left is reachable from a socket someone holds; so is everything on its
 * queue, transitively.  The candidates not reached are garbage: their
 * queues are taken and freed, which drops the cycle's references and
 * releases the sockets.  It is bounded by the candidates and their
 * queues, and it runs in one thread at a time (another release only asks
 * for one more round).
 *
 * Locking: gc_lock (a leaf spinlock) guards the counts, the list of
 * sockets in flight and gc_seq.  Counts change at enqueue (to->lock held)
 * and when files leave an skb (its queue's lock held, or the skb off
 * every queue), so a socket's copies and the queues holding them change
 * together; each change of a socket in flight moves gc_seq, and a pass
 * that sees gc_seq moved gives up its verdict (it scanned queues one by
 * one under their own locks, not all at once).  A pass takes each
 * candidate's u->lock (and an embryo's inside its listener's) with no
 * spinlock held.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/resource.h>
#include <platform/spinlock.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include "unix.h"

#define GC_TRIGGER    16000 /* sockets in flight that make a send collect (Linux's) */
#define GC_MAX_ROUNDS 4	    /* passes one collection makes when asked again */
#define USER_SLOTS    256   /* users with descriptors in flight at once */

static struct spinlock gc_lock = SPINLOCK_INIT("unix_gc", LOCK_RANK_NONE);
static LIST_HEAD(gc_inflight);	  /* unix_sock with inflight > 0 (gc_lock) */
static unsigned gc_total;	  /* sum of their inflight (gc_lock; read racily) */
static unsigned gc_seq;		  /* moves with every change of a socket in flight (gc_lock) */
static bool gc_running, gc_again; /* gc_lock */

/* Descriptors in flight per real user (gc_lock): Linux's
 * user->unix_inflight.  A slot is free when count is 0. */
static struct {
	uint32_t uid;
	unsigned count;
} users[USER_SLOTS];

/* The Unix socket behind a file, or NULL. */
static struct unix_sock *unix_of_file(struct file *f)
{
	struct socket *s = socket_of(f);

	return s && s->ops == &unix_ops ? unix_sk(s) : NULL;
}

/* The slot of uid, made if `make` (gc_lock held): NULL if none. */
static unsigned *user_count(uint32_t uid, bool make)
{
	int free = -1;

	for (int i = 0; i < USER_SLOTS; i++) {
		if (users[i].count && users[i].uid == uid)
			return &users[i].count;
		if (!users[i].count && free < 0)
			free = i;
	}
	if (!make || free < 0)
		return NULL;
	users[free].uid = uid;
	return &users[free].count;
}

int unix_inflight_check(void)
{
	unsigned n = 0, *c;
	irqflags_t f = spin_lock_irqsave(&gc_lock);

	c = user_count(current_cred()->uid, false);
	if (c)
		n = *c;
	spin_unlock_irqrestore(&gc_lock, f);
	if (n > rlimit_cur(RLIMIT_NOFILE) && !capable(CAP_SYS_RESOURCE) && !capable(CAP_SYS_ADMIN))
		return -ETOOMANYREFS;
	return 0;
}

void unix_inflight_add(struct unix_skb *skb)
{
	irqflags_t f;
	unsigned *c;

	if (!skb->nfp || skb->fp_inflight)
		return;
	skb->fp_inflight = true;
	f = spin_lock_irqsave(&gc_lock);
	c = user_count(skb->fp_uid, true);
	if (c)
		*c += (unsigned)skb->nfp;
	skb->fp_charged = c != NULL;
	for (int i = 0; i < skb->nfp; i++) {
		struct unix_sock *u = unix_of_file(skb->fp[i]);

		if (!u)
			continue;
		if (!u->inflight++) {
			u->file = skb->fp[i];
			list_add_tail(&u->inflight_link, &gc_inflight);
		}
		gc_total++;
		gc_seq++;
	}
	spin_unlock_irqrestore(&gc_lock, f);
}

void unix_inflight_del(struct unix_skb *skb)
{
	irqflags_t f;
	unsigned *c;

	if (!skb->nfp || !skb->fp_inflight)
		return;
	skb->fp_inflight = false;
	f = spin_lock_irqsave(&gc_lock);
	c = skb->fp_charged ? user_count(skb->fp_uid, false) : NULL;
	if (c)
		*c -= MIN(*c, (unsigned)skb->nfp);
	for (int i = 0; i < skb->nfp; i++) {
		struct unix_sock *u = unix_of_file(skb->fp[i]);

		if (!u)
			continue;
		if (!--u->inflight)
			list_del(&u->inflight_link);
		gc_total--;
		gc_seq++;
	}
	spin_unlock_irqrestore(&gc_lock, f);
}

/* Apply fn to every Unix socket in flight on u's queue and on the queues
 * of the embryos it holds (u->lock taken here). */
static void scan_queue(struct unix_sock *u, void (*fn)(struct unix_sock *v, struct list_head *work),
		       struct list_head *work)
{
	struct unix_skb *skb, *eskb;

	mutex_lock(&u->lock);
	list_for_each_entry (skb, &u->queue, link) {
		for (int i = 0; i < skb->nfp; i++) {
			struct unix_sock *v = unix_of_file(skb->fp[i]);

			if (v)
				fn(v, work);
		}
		if (!skb->embryo)
			continue;
		mutex_lock(&skb->embryo->lock);
		list_for_each_entry (eskb, &skb->embryo->queue, link)
			for (int i = 0; i < eskb->nfp; i++) {
				struct unix_sock *v = unix_of_file(eskb->fp[i]);

				if (v)
					fn(v, work);
			}
		mutex_unlock(&skb->embryo->lock);
	}
	mutex_unlock(&u->lock);
}

/* A copy of v found on a candidate's queue. */
static void drop_internal(struct unix_sock *v, struct list_head *work)
{
	if (v->gc_candidate)
		v->gc_refs--;
}

/* v is on a reachable socket's queue: reachable too. */
static void reach(struct unix_sock *v, struct list_head *work)
{
	if (v->gc_candidate && !v->gc_reachable) {
		v->gc_reachable = true;
		list_add_tail(&v->gc_work, work);
	}
}

/* One pass: the garbage's queues, taken off the sockets, onto `out`. */
static void collect(struct list_head *out)
{
	struct unix_sock *u;
	LIST_HEAD(cand);
	LIST_HEAD(work);
	irqflags_t f;
	unsigned seq;
	bool stale;

	f = spin_lock_irqsave(&gc_lock);
	seq = gc_seq;
	list_for_each_entry (u, &gc_inflight, inflight_link) {
		if ((unsigned)__atomic_load_n(&u->file->refs, __ATOMIC_ACQUIRE) != u->inflight)
			continue;
		unix_get(u);
		u->gc_candidate = true;
		u->gc_reachable = false;
		u->gc_refs = u->inflight;
		list_add_tail(&u->gc_link, &cand);
	}
	spin_unlock_irqrestore(&gc_lock, f);
	if (list_empty(&cand))
		return;

	list_for_each_entry (u, &cand, gc_link)
		scan_queue(u, drop_internal, NULL);
	list_for_each_entry (u, &cand, gc_link)
		if (u->gc_refs > 0)
			reach(u, &work);
	while (!list_empty(&work)) {
		u = list_first_entry(&work, struct unix_sock, gc_work);
		list_del(&u->gc_work);
		scan_queue(u, reach, &work);
	}

	f = spin_lock_irqsave(&gc_lock);
	stale = gc_seq != seq;
	list_for_each_entry (u, &cand, gc_link)
		if ((unsigned)__atomic_load_n(&u->file->refs, __ATOMIC_ACQUIRE) != u->inflight)
			stale = true;
	spin_unlock_irqrestore(&gc_lock, f);

	while (!list_empty(&cand)) {
		u = list_first_entry(&cand, struct unix_sock, gc_link);
		list_del(&u->gc_link);
		if (!stale && !u->gc_reachable) {
			mutex_lock(&u->lock);
			while (!list_empty(&u->queue)) {
				struct list_head *e = u->queue.next;

				list_del(e);
				list_add_tail(e, out);
			}
			WRITE_ONCE(u->qlen, 0);
			unix_oob_forget(u);
			mutex_unlock(&u->lock);
		}
		u->gc_candidate = false;
		unix_put(u);
	}
}

void unix_gc(void)
{
	LIST_HEAD(garbage);
	irqflags_t f;
	int rounds = 0;

	if (!READ_ONCE(gc_total))
		return;
	f = spin_lock_irqsave(&gc_lock);
	if (gc_running) {
		gc_again = true;
		spin_unlock_irqrestore(&gc_lock, f);
		return;
	}
	gc_running = true;
	gc_again = false;
	spin_unlock_irqrestore(&gc_lock, f);
	for (;;) {
		collect(&garbage);
		unix_purge(&garbage); /* releases sockets: they ask for more rounds */
		f = spin_lock_irqsave(&gc_lock);
		if (!gc_again || ++rounds >= GC_MAX_ROUNDS) {
			gc_running = false;
			spin_unlock_irqrestore(&gc_lock, f);
			return;
		}
		gc_again = false;
		spin_unlock_irqrestore(&gc_lock, f);
	}
}

void unix_gc_on_send(void)
{
	if (READ_ONCE(gc_total) > GC_TRIGGER)
		unix_gc();
}
