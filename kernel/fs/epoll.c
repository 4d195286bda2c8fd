/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * epoll: an instance is a FileLike holding registrations (epitems), each
 * keyed by (open file, descriptor number) as Linux keys them.  Adding one
 * asks the file's poll op with a poll table that links a callback entry
 * (ep_pwq) into every wait queue the op names; a wake-up of such a queue
 * puts the item on the ready list.  epoll_wait takes items off the ready
 * list, asks each file again (level-triggered items that are still ready
 * go back on the list, edge-triggered ones do not, one-shot ones are
 * disarmed) and copies out what is ready.
 *
 * An item holds no reference to its file: it goes when the file's last
 * reference does (eventpoll_release, from file_put), so a dup'ed
 * descriptor keeps delivering events after the registered one is closed.
 *
 * Locking, outermost first:
 *   epmutex (global, sleeping)  every item list change and file->ep_links:
 *                               epoll_ctl, an instance's and a file's final
 *                               close, the loop check
 *   ep->mtx (sleeping)          scans of the ready list (epoll_wait, the
 *                               instance's own poll op); nested instances
 *                               are taken outer before inner, and the loop
 *                               check keeps the nesting acyclic
 *   ep->lock (LOCK_RANK_EPOLL)  the ready list, each item's rdllink and
 *                               events, nwaiters: the wait queue callbacks
 *                               take it under the woken queue's lock
 * A callback may not take another wait queue's lock, so waking the
 * instance's own sleepers and pollers is deferred work (wq_deferred) that
 * the waker runs once it has dropped its queue lock; the instance stays
 * allocated meanwhile by a reference.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/eventpoll.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <platform/usercopy.h>
#include <klib/printf.h>
#include <kevlar_vfs/service.h>
#include <kernel/anon.h>
#include <kernel/cred.h>
#include <kernel/epoll.h>
#include <kernel/file.h>
#include <kernel/mutex.h>
#include <kernel/poll.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>

/* linux/eventpoll.h's flags as plain numbers (its macros are __poll_t,
 * a sparse bitwise type; the build checks they agree) */
#define EP_ET		(1u << 31)
#define EP_ONESHOT	(1u << 30)
#define EP_WAKEUP	(1u << 29)
#define EP_EXCLUSIVE	(1u << 28)
#define EP_PRIVATE_BITS (EP_WAKEUP | EP_ONESHOT | EP_ET | EP_EXCLUSIVE)
/* what an exclusive registration may ask for (Linux's EPOLLEXCLUSIVE_OK_BITS) */
#define EP_EXCLUSIVE_OK (POLLIN | POLLOUT | POLLERR | POLLHUP | EP_WAKEUP | EP_ET | EP_EXCLUSIVE)
#define EP_MAX_NESTS	4 /* Linux's limit on epoll-in-epoll depth */
#define EP_HASH		64

struct eventpoll {
	struct mutex mtx;
	struct spinlock lock;
	struct list_head rdllist;	/* struct epitem (lock) */
	struct list_head hash[EP_HASH]; /* struct epitem by (file, fd) (epmutex, mtx) */
	struct waitqueue wq;		/* epoll_wait sleepers */
	struct waitqueue poll_wq;	/* poll tables and epolls watching this instance */
	struct wq_deferred defer;	/* wakes wq and poll_wq after a callback */
	bool defer_queued;		/* lock */
	int nwaiters;			/* lock: threads in epoll_wait */
	int refs;			/* atomic: the file's, and a queued defer's */
	struct file *file;		/* the instance's own (no reference) */
};

struct epitem;

struct ep_pwq {
	struct wq_waiter w;
	struct waitqueue *wq;
	struct inode *pin; /* poll_table's pin: a reference, or NULL */
	struct epitem *epi;
	struct ep_pwq *next;
};

struct epitem {
	struct list_head hlink;	  /* ep->hash */
	struct list_head flink;	  /* file->ep_links (epmutex) */
	struct list_head rdllink; /* ep->rdllist or a scan's list (ep->lock); empty: neither */
	struct eventpoll *ep;
	struct file *file; /* no reference (see above) */
	int fd;
	unsigned events; /* EPOLL* asked, with EPOLLERR | EPOLLHUP (lock and mtx to change) */
	uint64_t data;	 /* lock and mtx to change */
	struct ep_pwq *pwqs;
	bool pwq_failed;
};

#ifndef __CHECKER__
_Static_assert(EP_ET == EPOLLET && EP_ONESHOT == EPOLLONESHOT && EP_WAKEUP == EPOLLWAKEUP &&
		       EP_EXCLUSIVE == EPOLLEXCLUSIVE,
	       "eventpoll flags");
#endif

static struct mutex epmutex = MUTEX_INIT(epmutex, "epmutex");

static const struct anon_kind epoll_kind;

bool is_epoll_file(const struct file *f)
{
	return anon_file_obj(f, &epoll_kind) != NULL;
}

static struct eventpoll *ep_of(const struct file *f)
{
	return f->inode->priv;
}

static void ep_put(struct eventpoll *ep)
{
	if (!__atomic_sub_fetch(&ep->refs, 1, __ATOMIC_ACQ_REL))
		kfree(ep);
}

static struct list_head *bucket(struct eventpoll *ep, const struct file *f, int fd)
{
	uintptr_t h = (uintptr_t)f / 64 ^ (uintptr_t)fd;

	return &ep->hash[h % EP_HASH];
}

static struct epitem *ep_find(struct eventpoll *ep, const struct file *f, int fd)
{
	struct list_head *b = bucket(ep, f, fd), *pos;

	list_for_each (pos, b) {
		struct epitem *epi = list_entry(pos, struct epitem, hlink);

		if (epi->file == f && epi->fd == fd)
			return epi;
	}
	return NULL;
}

/* Wake those waiting on the instance: one epoll_wait sleeper (as Linux's
 * exclusive waits) and every poller.  No wait queue lock held. */
static void ep_wake(struct eventpoll *ep)
{
	wq_wake_one(&ep->wq);
	poll_wake(&ep->poll_wq, POLLIN | POLLRDNORM);
}

static void ep_deferred(struct wq_deferred *d)
{
	struct eventpoll *ep = container_of(d, struct eventpoll, defer);
	irqflags_t f = spin_lock_irqsave(&ep->lock);

	ep->defer_queued = false;
	spin_unlock_irqrestore(&ep->lock, f);
	ep_wake(ep);
	ep_put(ep);
}

/* A watched queue was woken (its lock held, interrupts off). */
static bool ep_callback(struct wq_waiter *w, unsigned hint, struct wq_deferred **defer)
{
	struct epitem *epi = container_of(w, struct ep_pwq, w)->epi;
	struct eventpoll *ep = epi->ep;
	bool exclusive = epi->events & EP_EXCLUSIVE; /* fixed once added */
	bool took = false;

	spin_lock(&ep->lock);
	if (!(epi->events & ~EP_PRIVATE_BITS))
		goto out_unlock; /* a one-shot item that fired: disarmed */
	if (hint && !(hint & epi->events))
		goto out_unlock;
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	if (exclusive && ep->nwaiters) {
		unsigned io = hint & (POLLIN | POLLOUT);

		took = !io || (io == POLLIN && (epi->events & POLLIN)) ||
		       (io == POLLOUT && (epi->events & POLLOUT));
	}
	if (!ep->defer_queued) {
		ep->defer_queued = true;
		__atomic_add_fetch(&ep->refs, 1, __ATOMIC_RELAXED);
		*defer = &ep->defer;
	}
out_unlock:
	spin_unlock(&ep->lock);
	return exclusive ? took : true;
}

/* ---- registration ---- */

struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
};

static void ep_queue(struct poll_table *pt, struct waitqueue *wq)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct ep_pwq *pwq = kzalloc(sizeof(*pwq));

	if (!pwq) {
		epi->pwq_failed = true;
		return;
	}
	pwq->w.func = ep_callback;
	pwq->w.flags = epi->events & EP_EXCLUSIVE ? WQ_EXCLUSIVE : 0;
	pwq->wq = wq;
	pwq->pin = pt->pin;
	if (pwq->pin)
		inode_get(pwq->pin);
	pwq->epi = epi;
	pwq->next = epi->pwqs;
	epi->pwqs = pwq;
	wq_add_entry(wq, &pwq->w);
}

/* The events of `epi` ready now (mtx held); `pt` registers it. */
static unsigned item_poll(struct epitem *epi, struct poll_table *pt)
{
	unsigned want = epi->events & ~EP_PRIVATE_BITS;

	return vfs_poll(epi->file->inode, want, epi->file->flags, pt) & want;
}

/* Put `epi` on the ready list unless it is on one. */
static void ready_add(struct eventpoll *ep, struct epitem *epi)
{
	irqflags_t f = spin_lock_irqsave(&ep->lock);

	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, f);
}

/* Unregister and free `epi` (epmutex and ep->mtx held). */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	irqflags_t f;

	while (epi->pwqs) {
		struct ep_pwq *pwq = epi->pwqs;

		wq_remove_entry(pwq->wq, &pwq->w); /* no callback runs after this */
		inode_put(pwq->pin);
		epi->pwqs = pwq->next;
		kfree(pwq);
	}
	list_del(&epi->hlink);
	list_del(&epi->flink);
	f = spin_lock_irqsave(&ep->lock);
	if (!list_empty(&epi->rdllink))
		list_del(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, f);
	kfree(epi);
}

static int ep_insert(struct eventpoll *ep, unsigned events, uint64_t data, struct file *tf, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi));
	struct ep_pqueue pq;
	unsigned revents;

	if (!epi)
		return -ENOMEM;
	list_init(&epi->rdllink);
	epi->ep = ep;
	epi->file = tf;
	epi->fd = fd;
	epi->events = events;
	epi->data = data;
	list_add_tail(&epi->hlink, bucket(ep, tf, fd));
	list_add_tail(&epi->flink, &tf->ep_links);
	tf->ep_used = true;
	pq.epi = epi;
	pq.pt = (struct poll_table){.queue = ep_queue, .file = tf, .key = epi->events};
	revents = item_poll(epi, &pq.pt);
	if (epi->pwq_failed) {
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	if (revents) {
		ready_add(ep, epi);
		ep_wake(ep);
	}
	return 0;
}

static void ep_modify(struct eventpoll *ep, struct epitem *epi, unsigned events, uint64_t data)
{
	irqflags_t f = spin_lock_irqsave(&ep->lock);

	epi->events = events;
	epi->data = data;
	spin_unlock_irqrestore(&ep->lock, f);
	if (item_poll(epi, NULL)) {
		ready_add(ep, epi);
		ep_wake(ep);
	}
}

/* How many epoll instances deep the chain below `ep` goes (0: it holds
 * none), or -ELOOP if `ep` holds `top` at any depth.  (epmutex held: item
 * lists do not change.) */
static int depth_below(struct eventpoll *ep, struct eventpoll *top)
{
	int deepest = 0;

	for (int b = 0; b < EP_HASH; b++) {
		struct list_head *pos;

		list_for_each (pos, &ep->hash[b]) {
			struct epitem *epi = list_entry(pos, struct epitem, hlink);
			struct eventpoll *inner;
			int d;

			if (!is_epoll_file(epi->file))
				continue;
			inner = ep_of(epi->file);
			if (inner == top)
				return -ELOOP;
			d = depth_below(inner, top);
			if (d < 0)
				return d;
			deepest = MAX(deepest, d + 1);
		}
	}
	return deepest;
}

/* How many epoll instances deep `ep` sits inside others (epmutex held). */
static int depth_above(struct eventpoll *ep)
{
	struct list_head *pos;
	int deepest = 0;

	list_for_each (pos, &ep->file->ep_links) {
		struct epitem *epi = list_entry(pos, struct epitem, flink);

		deepest = MAX(deepest, depth_above(epi->ep) + 1);
	}
	return deepest;
}

/* Adding the instance `sub` to `ep`: ELOOP if that makes a cycle or a
 * chain of instances more than EP_MAX_NESTS deep, as Linux counts it. */
static int loop_check(struct eventpoll *ep, struct eventpoll *sub)
{
	int below = depth_below(sub, ep);

	if (below < 0)
		return below;
	return depth_above(ep) + 1 + below > EP_MAX_NESTS ? -ELOOP : 0;
}

int epoll_ctl_file(struct file *ef, int op, struct file *tf, int fd, unsigned events, uint64_t data)
{
	struct eventpoll *ep;
	struct epitem *epi;
	int err = -EINVAL;

	if (tf->inode->kind != INODE_FILE || !vfs_can_poll(tf->inode))
		return -EPERM;
	if ((events & EP_WAKEUP) && !capable(CAP_BLOCK_SUSPEND))
		events &= ~EP_WAKEUP;
	if (ef == tf || !is_epoll_file(ef))
		return -EINVAL;
	if (op != EPOLL_CTL_DEL && (events & EP_EXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD && (is_epoll_file(tf) || (events & ~EP_EXCLUSIVE_OK)))
			return -EINVAL;
	}
	ep = ep_of(ef);
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	if (op == EPOLL_CTL_ADD && is_epoll_file(tf)) {
		err = loop_check(ep, ep_of(tf));
		if (err)
			goto out_unlock;
	}
	epi = ep_find(ep, tf, fd);
	err = -EINVAL;
	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi) {
			err = -EEXIST;
			break;
		}
		err = ep_insert(ep, events | POLLERR | POLLHUP, data, tf, fd);
		break;
	case EPOLL_CTL_DEL:
		err = -ENOENT;
		if (epi) {
			ep_remove(ep, epi);
			err = 0;
		}
		break;
	case EPOLL_CTL_MOD:
		if (!epi) {
			err = -ENOENT;
		} else if (!(epi->events & EP_EXCLUSIVE)) {
			ep_modify(ep, epi, events | POLLERR | POLLHUP, data);
			err = 0;
		}
		break;
	}
out_unlock:
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	return err;
}

void eventpoll_release(struct file *f)
{
	if (!f->ep_used)
		return;
	mutex_lock(&epmutex);
	while (!list_empty(&f->ep_links)) {
		struct epitem *epi = list_first_entry(&f->ep_links, struct epitem, flink);
		struct eventpoll *ep = epi->ep;

		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

/* ---- scanning the ready list ---- */

/* Move every entry of `from` to the front of `to`, in order. */
static void splice_front(struct list_head *from, struct list_head *to)
{
	while (!list_empty(from)) {
		struct list_head *last = from->prev;

		list_del(last);
		list_add(last, to);
	}
}

/* Take the first item of the scan list `tx` off it (NULL: none left). */
static struct epitem *tx_next(struct eventpoll *ep, struct list_head *tx)
{
	struct epitem *epi = NULL;
	irqflags_t f = spin_lock_irqsave(&ep->lock);

	if (!list_empty(tx)) {
		epi = list_first_entry(tx, struct epitem, rdllink);
		list_del(&epi->rdllink); /* a callback from now on re-queues it */
	}
	spin_unlock_irqrestore(&ep->lock, f);
	return epi;
}

static void tx_start(struct eventpoll *ep, struct list_head *tx)
{
	irqflags_t f = spin_lock_irqsave(&ep->lock);

	while (!list_empty(&ep->rdllist)) {
		struct list_head *first = ep->rdllist.next;

		list_del(first);
		list_add_tail(first, tx);
	}
	spin_unlock_irqrestore(&ep->lock, f);
}

static void tx_done(struct eventpoll *ep, struct list_head *tx)
{
	irqflags_t f = spin_lock_irqsave(&ep->lock);

	splice_front(tx, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, f);
}

/* Level-triggered `epi` was reported: back on the ready list to be asked
 * again next time; a one-shot item is disarmed (ep->lock held). */
static void requeue_locked(struct eventpoll *ep, struct epitem *epi)
{
	if (epi->events & EP_ONESHOT)
		epi->events &= EP_PRIVATE_BITS;
	else if (!(epi->events & EP_ET) && list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
}

/* Copy out up to `max` ready events (mtx taken here): the count, or
 * -EFAULT if the first could not be stored.  One pass of the ready
 * list: each item comes off it before its file is asked (a wake-up from
 * then on puts it back), reported ones are requeued with the next step's
 * lock, and the unvisited rest goes back in front. */
static long ep_send_events(struct eventpoll *ep, void __user *uevents, int max)
{
	LIST_HEAD(tx);
	struct epitem *epi, *done = NULL;
	long n = 0;
	bool more;
	irqflags_t f;

	mutex_lock(&ep->mtx);
	f = spin_lock_irqsave(&ep->lock);
	while (!list_empty(&ep->rdllist)) {
		struct list_head *first = ep->rdllist.next;

		list_del(first);
		list_add_tail(first, &tx);
	}
	for (;;) {
		unsigned revents;
		struct epoll_event ev;

		if (done)
			requeue_locked(ep, done);
		done = NULL;
		if (n == max || list_empty(&tx))
			break;
		epi = list_first_entry(&tx, struct epitem, rdllink);
		list_del(&epi->rdllink);
		spin_unlock_irqrestore(&ep->lock, f);
		revents = item_poll(epi, NULL);
		if (revents) {
			ev.events = (__force __poll_t)revents;
			ev.data = epi->data;
			if (copy_to_user((char __user *)uevents + n * sizeof(ev), &ev,
					 sizeof(ev))) {
				f = spin_lock_irqsave(&ep->lock);
				if (list_empty(&epi->rdllink))
					list_add(&epi->rdllink, &tx);
				if (!n)
					n = -EFAULT;
				break;
			}
			n++;
			done = epi;
		}
		f = spin_lock_irqsave(&ep->lock);
	}
	splice_front(&tx, &ep->rdllist);
	more = !list_empty(&ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, f);
	mutex_unlock(&ep->mtx);
	/* as Linux: another waiter may take the rest (a racy look suffices:
	 * a waiter that links itself now checks the list itself) */
	if (more && n > 0 && !list_empty(&ep->wq.waiters))
		wq_wake_one(&ep->wq);
	return n;
}

/* Is any item on the ready list really ready?  Items that are not come
 * off it, as in a scan (mtx taken here). */
static bool ep_peek(struct eventpoll *ep)
{
	LIST_HEAD(tx);
	struct epitem *epi;
	bool ready = false;

	mutex_lock(&ep->mtx);
	tx_start(ep, &tx);
	while ((epi = tx_next(ep, &tx))) {
		if (item_poll(epi, NULL)) {
			ready_add(ep, epi);
			ready = true;
			break;
		}
	}
	tx_done(ep, &tx);
	mutex_unlock(&ep->mtx);
	return ready;
}

static long has_ready(void *arg)
{
	struct eventpoll *ep = arg;

	return READ_ONCE(ep->rdllist.next) != &ep->rdllist;
}

static void waiters_add(struct eventpoll *ep, int d)
{
	irqflags_t f = spin_lock_irqsave(&ep->lock);

	ep->nwaiters += d;
	spin_unlock_irqrestore(&ep->lock, f);
}

long epoll_wait_file(struct file *ef, void __user *uevents, int max, uint64_t deadline)
{
	struct eventpoll *ep = ep_of(ef);

	for (;;) {
		long r = 0;

		if (has_ready(ep))
			r = ep_send_events(ep, uevents, max);
		if (r || !deadline)
			return r;
		if (signal_pending())
			return -EINTR;
		waiters_add(ep, 1);
		r = wq_sleep_signalable_deadline(&ep->wq, has_ready, ep,
						 deadline == UINT64_MAX ? 0 : deadline);
		waiters_add(ep, -1);
		if (r == -ERESTARTSYS)
			return -EINTR; /* epoll_wait is never restarted */
		if (r == -ETIMEDOUT)
			deadline = 0; /* one last look, as Linux */
	}
}

/* ---- the instance as a FileLike ---- */

static unsigned ep_file_poll(struct inode *ino, unsigned events, unsigned flags,
			     struct poll_table *pt)
{
	struct eventpoll *ep = ino->priv;

	poll_wait(pt, &ep->poll_wq);
	return ep_peek(ep) ? POLLIN | POLLRDNORM : 0;
}

static void ep_release(struct inode *ino, unsigned flags)
{
	struct eventpoll *ep = ino->priv;

	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	for (int b = 0; b < EP_HASH; b++) {
		while (!list_empty(&ep->hash[b]))
			ep_remove(ep, list_first_entry(&ep->hash[b], struct epitem, hlink));
	}
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	ino->priv = NULL;
	ep_put(ep);
}

/* A kernel dev_t (MAJOR << 20 | MINOR) of a dev_t as stat(2) gives it. */
static unsigned kdev_of(uint64_t dev)
{
	unsigned major = (unsigned)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull));
	unsigned minor = (unsigned)((dev & 0xff) | ((dev >> 12) & ~0xffull));

	return major << 20 | minor;
}

/* fdinfo: one line per registration, as Linux's ep_show_fdinfo */
static int ep_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	struct eventpoll *ep = ino->priv;
	struct epitem *epi;
	size_t len = 0;

	if (!ep)
		return 0;
	mutex_lock(&ep->mtx);
	for (int b = 0; b < EP_HASH; b++) {
		list_for_each_entry (epi, &ep->hash[b], hlink) {
			struct inode *t = epi->file->inode;
			uint64_t dev = t->sb ? t->sb->dev_id : 0;

			len += (size_t)snprintf(
				buf + MIN(len, size), size - MIN(len, size),
				"tfd: %8d events: %8x data: %16llx  pos:%lli ino:%llx sdev:%x\n",
				epi->fd, epi->events, (unsigned long long)epi->data,
				(long long)READ_ONCE(epi->file->pos), (unsigned long long)t->ino,
				kdev_of(dev));
		}
	}
	mutex_unlock(&ep->mtx);
	return (int)len;
}

static void ep_free(void *obj)
{
	ep_put(obj);
}

static const struct anon_kind epoll_kind = {
	.name = "[eventpoll]",
	.ops =
		{
			.open = anon_open,
			.poll = ep_file_poll,
			.stat = anon_stat,
			.release = ep_release,
			.show_fdinfo = ep_show_fdinfo,
		},
	.free = ep_free,
};

struct file *epoll_file_new(unsigned flags)
{
	struct eventpoll *ep = kzalloc(sizeof(*ep));
	struct file *f;

	if (!ep)
		return NULL;
	mutex_init(&ep->mtx, "epoll");
	spin_lock_init(&ep->lock, "epoll", LOCK_RANK_EPOLL);
	list_init(&ep->rdllist);
	for (int b = 0; b < EP_HASH; b++)
		list_init(&ep->hash[b]);
	wq_init(&ep->wq);
	wq_init(&ep->poll_wq);
	ep->defer.fn = ep_deferred;
	ep->refs = 1;
	f = anon_file_new(&epoll_kind, ep, O_RDWR | flags);
	ep->file = f;
	if (!f) /* no release runs: the instance goes here */
		kfree(ep);
	return f;
}
