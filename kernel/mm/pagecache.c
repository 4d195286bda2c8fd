// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/*
 * The page cache for file data (kernel/include/kernel/pagecache.h).
 *
 * Each file whose service has a `readpage` op gets, on first use, a
 * `struct pcache`: a hash of page index -> entry, each entry one frame
 * the cache holds a reference to, with its state: UPTODATE (its bytes are
 * the file's), LOCKED (being filled: whoever got it not uptodate fills it
 * and ends the fill, the others wait), DIRTY (newer than the service's
 * storage), WRITEBACK (being written by writepage) and REFERENCED (used
 * since the reclaim scan last passed it).  Every entry of every file is
 * on one LRU list; reclaim takes clean, unlocked entries that nobody else
 * holds (no mapping, no handle: the cache's reference is the only one),
 * giving referenced ones a second pass.
 *
 * Frames belong to the file's service instance for the fortress frame
 * check (page->owner), so the service can fill and read them by handle;
 * a frame leaving the cache stops being the instance's.  A file with
 * dirty pages holds a reference to its inode (the pin), so it is never
 * evicted with data not written: the pin goes when writeback leaves no
 * dirty page, after which the service's evict may run from writeback.
 *
 * Locking: `pcache_lock` (a spinlock, rank PCACHE, under vm->lock)
 * guards every index, the LRU, the list of caches, states and counters.
 * A file's `wb` mutex serialises its writebacks; writepage and readpage
 * are called with no spinlock held.  Memory pressure never calls into a
 * service (the pressure may come from inside one, holding its locks): it
 * frees clean pages and wakes the writeback thread for the dirty ones.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/sort.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/spinlock.h>
#include <platform/time.h>
#include <kevlar_vfs/service.h>
#include <kernel/mutex.h>
#include <kernel/oom.h>
#include <kernel/pagecache.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <kernel/waitqueue.h>

#define PC_UPTODATE   0x01u
#define PC_LOCKED     0x02u
#define PC_DIRTY      0x04u
#define PC_WRITEBACK  0x08u
#define PC_REFERENCED 0x10u

#define BUCKETS_MIN	   16u
#define DIRTY_EXPIRE_NS	   5000000000ull /* a page dirty this long is written back */
#define WRITEBACK_EVERY_NS 5000000000ull /* the thread's period */

struct pcache_ent {
	struct list_head hash;	/* pc->buckets[] */
	struct list_head lru;	/* `lru` */
	struct list_head dirty; /* pc->dirty while PC_DIRTY */
	struct pcache *pc;
	struct page *pg; /* the cache's reference */
	uint64_t idx;
	unsigned state;		  /* PC_* */
	struct pcache_async *job; /* LOCKED by a fill in flight (pcache_fill_async) */
	const void *filler;	  /* LOCKED by a fill a service call took (pcache_tag_fill) */
};

/*
 * The fast path's index: the uptodate pages of a file's first SLOTS_MAX
 * pages by index, read without the lock (pcache_lookup_fast).  Written
 * under pcache_lock; an array that grows is copied and the old one kept
 * until the cache goes (a reader may still be in it), so a reader never
 * touches freed memory.
 */
#define SLOTS_MIN 16u
#define SLOTS_MAX 65536u /* 256 MiB of file; the rest through the hash */
struct pc_slots {
	struct pc_slots *retired; /* the arrays it replaced */
	size_t n;
	struct page *pg[];
};

struct pcache {
	struct inode *inode;
	struct pc_slots *slots;	   /* atomic pointer; its entries pcache_lock (written) */
	struct list_head all;	   /* on `caches` */
	struct list_head *buckets; /* nbuckets, a power of two */
	unsigned nbuckets;
	size_t npages, ndirty;
	uint64_t dirtied;	/* time_ns() when ndirty last left 0 */
	unsigned scan_gen;	/* the writeback round that last visited it */
	bool pinned;		/* holds an inode reference while ndirty */
	int err;		/* a writepage error not reported yet */
	struct mutex wb;	/* one writeback of the file at a time */
	struct list_head async; /* struct pcache_async not ended yet, pcache_lock */
	struct list_head dirty; /* its PC_DIRTY entries: fsync visits no clean one */
};

/*
 * A fill started and not waited for (read-ahead): its pages stay LOCKED
 * until its I/O completes (pcache_async_io_done, from the interrupt: the
 * `pcache-end` thread then ends it) or the first that needs one of them
 * ends it (a get that would wait, truncate, punch, evict, the device's
 * close): wait() waits for the I/O, then each page still in the cache as
 * it was becomes uptodate, or leaves the cache if the I/O failed.
 * `ending` makes the end one caller's (the thread's when it is queued on
 * `ended`); the job stays on pc->async until it is over, so an evict
 * waits for it.
 */
struct pcache_async {
	struct list_head link;	/* pc->async, pcache_lock */
	struct list_head queue; /* `ended`, pcache_lock */
	struct pcache *pc;
	int (*wait)(void *arg);
	void *arg;
	uint64_t first;
	unsigned n;
	bool ending;	   /* pcache_lock */
	bool io_done;	   /* pcache_lock: pcache_async_io_done was called */
	struct page *pg[]; /* one reference each, until the end */
};

static struct spinlock pcache_lock = SPINLOCK_INIT("pcache", LOCK_RANK_PCACHE);
static LIST_HEAD(lru);				 /* pcache_lock: least recently used first */
static LIST_HEAD(caches);			 /* pcache_lock */
static size_t nr_cached, nr_dirty, nr_writeback; /* pcache_lock */
static unsigned scan_gen;			 /* pcache_lock */

/* A fill ended: waiters re-check (the sequence keeps the predicate off
 * pcache_lock, which ranks below the queue's lock). */
static struct waitqueue fill_wq = WAITQUEUE_INIT(fill_wq);
static unsigned long fill_seq; /* atomic */

/* Jobs whose I/O completed, for the `pcache-end` thread to end (their
 * `ending` set for it); queued only while the thread runs. */
static LIST_HEAD(ended); /* pcache_lock */
static struct waitqueue end_wq = WAITQUEUE_INIT(end_wq);
static unsigned long nr_ended;	     /* atomic: jobs queued on `ended` */
static int end_started, end_running; /* atomic: being started, exists */
static void end_start(void);

static struct waitqueue flush_wq = WAITQUEUE_INIT(flush_wq);
static int flush_kicked;  /* atomic: dirty pages passed the ratio */
static int flush_started; /* atomic */
static void flush_start(void);

static long fill_moved(void *arg)
{
	return __atomic_load_n(&fill_seq, __ATOMIC_ACQUIRE) != *(unsigned long *)arg;
}

static unsigned bucket_of(const struct pcache *pc, uint64_t idx)
{
	return (unsigned)((idx * 0x9e3779b97f4a7c15ull) >> 32) & (pc->nbuckets - 1);
}

static struct pcache_ent *lookup(struct pcache *pc, uint64_t idx) __must_hold(&pcache_lock)
{
	struct pcache_ent *e;

	list_for_each_entry (e, &pc->buckets[bucket_of(pc, idx)], hash)
		if (e->idx == idx)
			return e;
	return NULL;
}

static struct list_head *new_buckets(unsigned n)
{
	struct list_head *b = kmalloc(n * sizeof(*b));

	for (unsigned k = 0; b && k < n; k++)
		list_init(&b[k]);
	return b;
}

/* i's cache, made if `create` and absent; NULL without memory. */
static struct pcache *cache_of(struct inode *i, bool create)
{
	struct pcache *pc = __atomic_load_n(&i->pcache, __ATOMIC_ACQUIRE), *none = NULL;
	irqflags_t f;

	if (pc || !create)
		return pc;
	pc = kzalloc(sizeof(*pc));
	if (!pc)
		return NULL;
	pc->buckets = new_buckets(BUCKETS_MIN);
	if (!pc->buckets) {
		kfree(pc);
		return NULL;
	}
	pc->nbuckets = BUCKETS_MIN;
	pc->inode = i;
	list_init(&pc->async);
	list_init(&pc->dirty);
	mutex_init(&pc->wb, "pcache-wb");
	f = spin_lock_irqsave(&pcache_lock);
	if (__atomic_compare_exchange_n(&i->pcache, &none, pc, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE)) {
		list_add_tail(&pc->all, &caches);
		spin_unlock_irqrestore(&pcache_lock, f);
		/* a file that can be dirtied: the thread that writes back (not
		 * started where it is dirtied, which may be under vm->lock) */
		if (i->ops.file->writepage)
			flush_start();
		return pc;
	}
	spin_unlock_irqrestore(&pcache_lock, f);
	kfree(pc->buckets);
	kfree(pc);
	return none;
}

/* Double the index when it holds twice as many pages as buckets. */
static void maybe_grow(struct pcache *pc)
{
	irqflags_t f = spin_lock_irqsave(&pcache_lock);
	unsigned n = pc->nbuckets;
	bool want = pc->npages >= 2 * (size_t)n;
	struct list_head *nb, *old;

	spin_unlock_irqrestore(&pcache_lock, f);
	if (!want || !(nb = new_buckets(2 * n)))
		return;
	f = spin_lock_irqsave(&pcache_lock);
	if (pc->nbuckets != n) {
		spin_unlock_irqrestore(&pcache_lock, f);
		kfree(nb);
		return;
	}
	old = pc->buckets;
	pc->buckets = nb;
	pc->nbuckets = 2 * n;
	for (unsigned k = 0; k < n; k++) {
		while (!list_empty(&old[k])) {
			struct pcache_ent *e = list_first_entry(&old[k], struct pcache_ent, hash);

			list_del(&e->hash);
			list_add(&e->hash, &pc->buckets[bucket_of(pc, e->idx)]);
		}
	}
	spin_unlock_irqrestore(&pcache_lock, f);
	kfree(old);
}

/* The frame is the file's service instance's while cached (service.h's
 * frame check in fortress). */
static void *frame_owner(const struct inode *i)
{
	return i->sb && i->sb->service ? (void *)i->sb->inst : NULL;
}

/* Take `e` out of its file's index and the LRU; the caller puts e->pg
 * and frees e outside the lock.  A pin to drop is the caller's too. */
static void unlink_ent(struct pcache_ent *e) __must_hold(&pcache_lock)
{
	struct pcache *pc = e->pc;

	if (pc->slots && e->idx < pc->slots->n && pc->slots->pg[e->idx] == e->pg)
		__atomic_store_n(&pc->slots->pg[e->idx], NULL, __ATOMIC_RELEASE);
	list_del(&e->hash);
	list_del(&e->lru);
	pc->npages--;
	nr_cached--;
	if (e->state & PC_DIRTY) {
		list_del(&e->dirty);
		pc->ndirty--;
		nr_dirty--;
	}
	if (e->state & PC_WRITEBACK)
		nr_writeback--;
	e->pg->owner = NULL;
}

static void free_ents(struct list_head *l)
{
	while (!list_empty(l)) {
		struct pcache_ent *e = list_first_entry(l, struct pcache_ent, lru);

		list_del(&e->lru);
		page_put(e->pg);
		kfree(e);
	}
}

/* The pin's inode reference, if no dirty page is left: to be put by the
 * caller once it holds no lock. */
static struct inode *unpin(struct pcache *pc) __must_hold(&pcache_lock)
{
	if (pc->ndirty || !pc->pinned)
		return NULL;
	pc->pinned = false;
	return pc->inode;
}

/* A fresh frame for the cache: reclaim the cache's own clean pages before
 * the OOM killer runs, and leave the last reserve to the processes. */
static struct page *alloc_frame(bool zero)
{
	struct page *p;

	for (;;) {
		if (oom_memory_exhausted())
			pcache_shrink(64);
		p = alloc_page(zero ? PAF_ZERO : 0);
		if (p || !oom_recover())
			return p;
	}
}

/* Make the fast index cover `idx` (below SLOTS_MAX). */
static void slots_cover(struct pcache *pc, uint64_t idx)
{
	struct pc_slots *cur = __atomic_load_n(&pc->slots, __ATOMIC_ACQUIRE), *ns;
	size_t n = SLOTS_MIN;
	irqflags_t f;

	if (idx >= SLOTS_MAX || (cur && idx < cur->n))
		return;
	while (n <= idx)
		n *= 2;
	ns = kzalloc(offsetof(struct pc_slots, pg) + n * sizeof(ns->pg[0]));
	if (!ns)
		return; /* the hash serves it */
	ns->n = n;
	f = spin_lock_irqsave(&pcache_lock);
	cur = pc->slots;
	if (cur && cur->n >= n) {
		spin_unlock_irqrestore(&pcache_lock, f);
		kfree(ns);
		return;
	}
	for (size_t k = 0; cur && k < cur->n; k++)
		ns->pg[k] = cur->pg[k];
	ns->retired = cur;
	__atomic_store_n(&pc->slots, ns, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&pcache_lock, f);
}

/* Publish an uptodate page in the fast index. */
static void slot_set(struct pcache *pc, struct pcache_ent *e) __must_hold(&pcache_lock)
{
	if (pc->slots && e->idx < pc->slots->n)
		__atomic_store_n(&pc->slots->pg[e->idx], e->pg, __ATOMIC_RELEASE);
}

/*
 * The hit path, without the lock: the page in the fast index, with a
 * reference taken only if its count is not 0 (a page being freed), then
 * checked to be still there, in the current array: the cache held it at
 * that moment, and a page leaves the index before the cache drops it.
 * NULL: ask the locked path.
 */
static struct page *lookup_fast(struct pcache *pc, uint64_t idx)
{
	struct pc_slots *s = __atomic_load_n(&pc->slots, __ATOMIC_ACQUIRE);
	struct page *pg;
	int32_t r;

	if (!s || idx >= s->n || !(pg = __atomic_load_n(&s->pg[idx], __ATOMIC_ACQUIRE)))
		return NULL;
	r = page_refs(pg);
	do {
		if (r <= 0)
			return NULL;
	} while (!__atomic_compare_exchange_n(&pg->refcount, &r, r + 1, false, __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	if (__atomic_load_n(&s->pg[idx], __ATOMIC_ACQUIRE) == pg &&
	    __atomic_load_n(&pc->slots, __ATOMIC_ACQUIRE) == s)
		return pg;
	page_put(pg);
	return NULL;
}

static void end_fill(void);

/* End `job` (its `ending` set by the caller): wait for its I/O, then its
 * pages that are still its own in the cache are filled or dropped. */
static void async_end(struct pcache_async *job)
{
	struct pcache *pc = job->pc;
	int err = job->wait(job->arg);
	LIST_HEAD(dead);
	irqflags_t f;

	f = spin_lock_irqsave(&pcache_lock);
	for (unsigned k = 0; k < job->n; k++) {
		struct pcache_ent *e = lookup(pc, job->first + k);

		if (!e || e->job != job || e->pg != job->pg[k])
			continue; /* dropped meanwhile (truncate, punch) */
		e->job = NULL;
		e->state &= ~PC_LOCKED;
		if (!err) {
			e->state |= PC_UPTODATE;
			slot_set(pc, e);
		} else {
			unlink_ent(e);
			list_add(&e->lru, &dead);
		}
	}
	list_del(&job->link);
	spin_unlock_irqrestore(&pcache_lock, f);
	free_ents(&dead);
	for (unsigned k = 0; k < job->n; k++)
		page_put(job->pg[k]);
	kfree(job);
	end_fill();
}

/* End every fill in flight of pc, and wait for those others are ending. */
static void async_end_all(struct pcache *pc)
{
	for (;;) {
		unsigned long seq = __atomic_load_n(&fill_seq, __ATOMIC_ACQUIRE);
		struct pcache_async *job, *mine = NULL;
		bool busy = false;
		irqflags_t f = spin_lock_irqsave(&pcache_lock);

		list_for_each_entry (job, &pc->async, link) {
			busy = true;
			if (!job->ending) {
				job->ending = true;
				mine = job;
				break;
			}
		}
		spin_unlock_irqrestore(&pcache_lock, f);
		if (mine)
			async_end(mine);
		else if (busy)
			wq_sleep_until(&fill_wq, fill_moved, &seq);
		else
			return;
	}
}

/* A handed-over job whose I/O completed goes to the thread, if it runs
 * and nobody ends the job yet: true if queued (wake end_wq). */
static bool queue_ended(struct pcache_async *job) __must_hold(&pcache_lock)
{
	if (!job->io_done || job->ending || !__atomic_load_n(&end_running, __ATOMIC_ACQUIRE))
		return false;
	job->ending = true; /* the thread's */
	list_add_tail(&job->queue, &ended);
	__atomic_add_fetch(&nr_ended, 1, __ATOMIC_RELEASE);
	return true;
}

static long any_ended(void *arg)
{
	(void)arg;
	return __atomic_load_n(&nr_ended, __ATOMIC_ACQUIRE) != 0;
}

/* The `pcache-end` thread: ends the fills whose I/O completed, so no
 * page stays locked with its bytes read while nobody asks for it (the
 * completion runs in an interrupt, which may not sleep nor take the
 * service's device lock that ending takes). */
static void ender(void *arg)
{
	(void)arg;
	for (;;) {
		struct pcache_async *job = NULL;
		irqflags_t f;

		wq_sleep_until(&end_wq, any_ended, NULL);
		f = spin_lock_irqsave(&pcache_lock);
		if (!list_empty(&ended)) {
			job = list_first_entry(&ended, struct pcache_async, queue);
			list_del(&job->queue);
			__atomic_sub_fetch(&nr_ended, 1, __ATOMIC_RELEASE);
		}
		spin_unlock_irqrestore(&pcache_lock, f);
		if (job)
			async_end(job); /* its I/O is over: waits for nothing */
	}
}

/* Start the thread once; jobs are queued for it only once it exists
 * (without memory for it, they are ended on demand, and the next
 * hand-over tries again). */
static void end_start(void)
{
	struct thread *t;

	if (__atomic_load_n(&end_running, __ATOMIC_ACQUIRE) ||
	    __atomic_exchange_n(&end_started, 1, __ATOMIC_ACQ_REL))
		return;
	t = thread_create("pcache-end", ender, NULL);
	if (!t) {
		__atomic_store_n(&end_started, 0, __ATOMIC_RELEASE);
		return;
	}
	__atomic_store_n(&end_running, 1, __ATOMIC_RELEASE);
	thread_put(t);
}

struct pcache_async *pcache_async_new(unsigned n)
{
	return kzalloc(offsetof(struct pcache_async, pg) + n * sizeof(struct page *));
}

void pcache_fill_async(struct pcache_async *job, struct inode *i, uint64_t first,
		       struct page *const *pg, unsigned n, int (*wait)(void *arg), void *arg)
{
	struct pcache *pc = cache_of(i, false);
	bool queued;
	irqflags_t f;

	if (!pc) { /* nothing cached: no page to end */
		(void)wait(arg);
		kfree(job);
		return;
	}
	end_start();
	job->wait = wait;
	job->arg = arg;
	job->first = first;
	job->n = n;
	for (unsigned k = 0; k < n; k++) {
		page_get(pg[k]);
		job->pg[k] = pg[k];
	}
	f = spin_lock_irqsave(&pcache_lock);
	job->pc = pc; /* claimable from now on */
	for (unsigned k = 0; k < n; k++) {
		struct pcache_ent *e = lookup(pc, first + k);

		if (e && e->pg == pg[k] && (e->state & PC_LOCKED) && !e->job) {
			e->job = job;
			e->filler = NULL; /* the cache's to end now */
		}
	}
	list_add_tail(&job->link, &pc->async);
	queued = queue_ended(job); /* completed already */
	spin_unlock_irqrestore(&pcache_lock, f);
	if (queued)
		wq_wake_all(&end_wq);
	end_fill(); /* a waiter for one of them ends it now */
}

void pcache_async_io_done(struct pcache_async *job)
{
	irqflags_t f = spin_lock_irqsave(&pcache_lock);
	bool queued;

	job->io_done = true;
	queued = job->pc && queue_ended(job); /* else at the handing over */
	spin_unlock_irqrestore(&pcache_lock, f);
	if (queued)
		wq_wake_all(&end_wq);
}

bool pcache_async_claim(struct pcache_async *job)
{
	irqflags_t f = spin_lock_irqsave(&pcache_lock);
	bool mine = job->pc && !job->ending; /* not handed over yet: not yet */

	job->ending |= mine;
	spin_unlock_irqrestore(&pcache_lock, f);
	return mine;
}

void pcache_async_end(struct pcache_async *job)
{
	async_end(job);
}

struct page *pcache_get(struct inode *i, uint64_t idx, unsigned flags, bool *uptodate, int *err)
{
	struct pcache *pc = cache_of(i, flags & PCACHE_CREATE);
	struct pcache_ent *e, *fresh = NULL;
	struct page *pg = NULL;
	irqflags_t f;

	if (!pc) {
		*err = flags & PCACHE_CREATE ? -ENOMEM : -ENOENT;
		return NULL;
	}
	if (flags & PCACHE_UNWRITTEN) {
		f = spin_lock_irqsave(&pcache_lock);
		e = lookup(pc, idx);
		if (e && (e->state & (PC_DIRTY | PC_WRITEBACK))) {
			page_get(e->pg);
			pg = e->pg;
		}
		spin_unlock_irqrestore(&pcache_lock, f);
		*uptodate = pg != NULL;
		*err = -ENOENT;
		return pg;
	}
	pg = lookup_fast(pc, idx);
	if (pg) {
		*uptodate = true;
		return pg;
	}
	for (;;) {
		unsigned long seq = __atomic_load_n(&fill_seq, __ATOMIC_ACQUIRE);

		f = spin_lock_irqsave(&pcache_lock);
		e = lookup(pc, idx);
		if (e && (e->state & PC_LOCKED) && (flags & PCACHE_NOWAIT)) {
			spin_unlock_irqrestore(&pcache_lock, f);
			if (fresh) {
				page_put(fresh->pg);
				kfree(fresh);
			}
			*err = -EAGAIN;
			return NULL;
		}
		if (e && (e->state & PC_LOCKED)) {
			struct pcache_async *job = e->job && !e->job->ending ? e->job : NULL;

			/* a fill in flight nobody ends yet: end it here; else
			 * another caller is filling it: wait for the end of a fill */
			if (job)
				job->ending = true;
			spin_unlock_irqrestore(&pcache_lock, f);
			if (job)
				async_end(job);
			else
				wq_sleep_until(&fill_wq, fill_moved, &seq);
			continue;
		}
		if (e) {
			e->state |= PC_REFERENCED;
			if (!(e->state & PC_UPTODATE))
				e->state |= PC_LOCKED; /* the caller fills it */
			*uptodate = e->state & PC_UPTODATE;
			page_get(e->pg);
			spin_unlock_irqrestore(&pcache_lock, f);
			if (fresh) {
				page_put(fresh->pg);
				kfree(fresh);
			}
			return e->pg;
		}
		if (!(flags & PCACHE_CREATE)) {
			spin_unlock_irqrestore(&pcache_lock, f);
			*err = -ENOENT;
			return NULL;
		}
		if (fresh)
			break;
		spin_unlock_irqrestore(&pcache_lock, f);
		fresh = kzalloc(sizeof(*fresh));
		pg = fresh ? alloc_frame(!(flags & PCACHE_WHOLE)) : NULL;
		if (!pg) {
			kfree(fresh);
			*err = -ENOMEM;
			return NULL;
		}
		fresh->pg = pg;
		maybe_grow(pc);
		slots_cover(pc, idx);
	}
	/* pcache_lock held, idx absent: install the fresh page, locked */
	fresh->pc = pc;
	fresh->idx = idx;
	fresh->state = PC_LOCKED | PC_REFERENCED;
	fresh->pg->owner = frame_owner(i);
	list_add(&fresh->hash, &pc->buckets[bucket_of(pc, idx)]);
	list_add_tail(&fresh->lru, &lru);
	pc->npages++;
	nr_cached++;
	page_get(fresh->pg);
	spin_unlock_irqrestore(&pcache_lock, f);
	*uptodate = false;
	return fresh->pg;
}

static void end_fill(void)
{
	__atomic_add_fetch(&fill_seq, 1, __ATOMIC_RELEASE);
	wq_wake_all(&fill_wq);
}

/* Ends a fill: uptodate if `ok`, else the page leaves the cache (the next
 * user reads it again). */
static int finish_fill(struct inode *i, uint64_t idx, bool ok)
{
	struct pcache *pc = cache_of(i, false);
	struct pcache_ent *e;
	LIST_HEAD(dead);
	irqflags_t f;
	int err = -ENOENT;

	if (!pc)
		return err;
	f = spin_lock_irqsave(&pcache_lock);
	e = lookup(pc, idx);
	if (e) {
		err = 0;
		e->state &= ~PC_LOCKED;
		e->filler = NULL;
		if (ok) {
			e->state |= PC_UPTODATE;
			slot_set(pc, e);
		} else if (!(e->state & PC_UPTODATE)) {
			unlink_ent(e);
			list_add(&e->lru, &dead);
		}
	}
	spin_unlock_irqrestore(&pcache_lock, f);
	free_ents(&dead);
	end_fill();
	return err;
}

int pcache_mark_uptodate(struct inode *i, uint64_t idx)
{
	return finish_fill(i, idx, true);
}

void pcache_fill_failed(struct inode *i, uint64_t idx)
{
	(void)finish_fill(i, idx, false);
}

void pcache_tag_fill(struct inode *i, uint64_t idx, struct page *pg, const void *tag)
{
	struct pcache *pc = cache_of(i, false);
	struct pcache_ent *e;
	irqflags_t f;

	if (!pc)
		return;
	f = spin_lock_irqsave(&pcache_lock);
	e = lookup(pc, idx);
	if (e && e->pg == pg && (e->state & PC_LOCKED) && !e->job)
		e->filler = tag;
	spin_unlock_irqrestore(&pcache_lock, f);
}

/* Rare (a service call that failed): one walk over every cached page. */
void pcache_abandon_fills(const void *tag)
{
	struct list_head *pos, *tmp;
	LIST_HEAD(dead);
	irqflags_t f;
	unsigned n = 0;

	f = spin_lock_irqsave(&pcache_lock);
	list_for_each_safe (pos, tmp, &lru) {
		struct pcache_ent *e = list_entry(pos, struct pcache_ent, lru);

		if (e->filler != tag || !(e->state & PC_LOCKED) || e->job)
			continue;
		e->filler = NULL;
		e->state &= ~PC_LOCKED;
		n++;
		if (!(e->state & PC_UPTODATE)) {
			unlink_ent(e);
			list_add(&e->lru, &dead);
		}
	}
	spin_unlock_irqrestore(&pcache_lock, f);
	free_ents(&dead);
	if (n)
		end_fill();
}

int pcache_read_page(struct inode *i, uint64_t idx, struct page **out)
{
	bool uptodate;
	int err;
	struct page *pg = pcache_get(i, idx, PCACHE_CREATE, &uptodate, &err);

	if (!pg)
		return err;
	if (!uptodate) {
		err = vfs_readpage(i, idx, pg);
		finish_fill(i, idx, !err);
		if (err) {
			page_put(pg);
			return err;
		}
	}
	*out = pg;
	return 0;
}

int pcache_mark_dirty(struct inode *i, uint64_t idx)
{
	struct pcache *pc = cache_of(i, false);
	struct pcache_ent *e;
	struct pmm_stats st;
	bool pin = false, kick;
	irqflags_t f;

	if (!pc)
		return -ENOENT;
	if (!i->ops.file->writepage)
		return -EROFS; /* nothing could ever clean it */
	f = spin_lock_irqsave(&pcache_lock);
	e = lookup(pc, idx);
	if (!e) {
		spin_unlock_irqrestore(&pcache_lock, f);
		return -ENOENT;
	}
	e->state |= PC_REFERENCED;
	if (!(e->state & PC_DIRTY)) {
		e->state |= PC_DIRTY;
		list_add_tail(&e->dirty, &pc->dirty);
		if (!pc->ndirty++)
			pc->dirtied = time_ns();
		nr_dirty++;
		if (!pc->pinned)
			pin = pc->pinned = true;
	}
	if (pin)
		inode_get(i); /* the pin: no evict while dirty */
	pmm_stats(&st);
	kick = nr_dirty > st.total_pages / 10; /* Linux's dirty_background_ratio */
	spin_unlock_irqrestore(&pcache_lock, f);
	if (kick && !__atomic_exchange_n(&flush_kicked, 1, __ATOMIC_ACQ_REL))
		wq_wake_all(&flush_wq);
	return 0;
}

/* Drop pages [first, last] (dirty or not; mappings keep their frames)
 * and zero the tail of page size / PAGE_SIZE past `size` (if cached and
 * size is not page-aligned; UINT64_MAX: none). */
static void drop_range(struct inode *i, uint64_t first, uint64_t last, uint64_t size)
{
	struct pcache *pc = cache_of(i, false);
	struct inode *put = NULL;
	struct page *tail = NULL;
	LIST_HEAD(dead);
	irqflags_t f;

	if (!pc)
		return;
	async_end_all(pc); /* no read in flight lands in a dropped page */
	f = spin_lock_irqsave(&pcache_lock);
	for (unsigned k = 0; k < pc->nbuckets; k++) {
		struct list_head *pos, *tmp;

		list_for_each_safe (pos, tmp, &pc->buckets[k]) {
			struct pcache_ent *e = list_entry(pos, struct pcache_ent, hash);

			if (e->idx >= first && e->idx <= last) {
				unlink_ent(e);
				list_add(&e->lru, &dead);
			} else if (size != UINT64_MAX && size % PAGE_SIZE &&
				   e->idx == size / PAGE_SIZE && (e->state & PC_UPTODATE)) {
				tail = e->pg;
				page_get(tail);
			}
		}
	}
	put = unpin(pc);
	spin_unlock_irqrestore(&pcache_lock, f);
	if (tail) { /* past the end reads as zeros, as a later extension shows */
		memset((char *)page_address(tail) + size % PAGE_SIZE, 0,
		       PAGE_SIZE - size % PAGE_SIZE);
		page_put(tail);
	}
	free_ents(&dead);
	if (put)
		inode_put(put);
}

void pcache_truncate(struct inode *i, uint64_t size)
{
	drop_range(i, (size + PAGE_SIZE - 1) / PAGE_SIZE, UINT64_MAX, size);
}

void pcache_punch(struct inode *i, uint64_t first, uint64_t last)
{
	if (first <= last)
		drop_range(i, first, last, UINT64_MAX);
}

/*
 * Writeback goes in index order.  Up to WB_RUN dirty pages at a time,
 * consecutive or not, go to the service's writepages in one call (a
 * contiguous run of them is one request, and every request of the call is
 * in flight at once, as Linux plugs a writeback's bios: 64 scattered pages
 * cost one wait, not 64), or page by page to writepage.  The dirty
 * indexes are listed and sorted first (a file's index is a hash); without
 * memory for the list, WB_SMALL of them at a time.
 */
#define WB_SMALL 64
#define WB_RUN	 128 /* pages per writepages call: 512 KiB */

/* Up to `cap` indexes of dirty pages of [from, to] into `out`: how many. */
static size_t list_dirty(struct pcache *pc, uint64_t from, uint64_t to, uint64_t *out, size_t cap)
	__must_hold(&pcache_lock)
{
	struct pcache_ent *e;
	size_t n = 0;

	list_for_each_entry (e, &pc->dirty, dirty) {
		if (n == cap)
			break;
		if (e->idx >= from && e->idx <= to)
			out[n++] = e->idx;
	}
	return n;
}

/* Write pages pg[0..n) (indexes idx[], ascending; moved to writeback, a
 * reference each) and end their writeback; an error is kept in pc->err. */
static void write_batch(struct inode *i, struct pcache *pc, const uint64_t *idx, struct page **pg,
			unsigned n, uint64_t size)
{
	unsigned live = 0;
	irqflags_t f;
	int err = 0;

	/* the pages wholly past the end are not the file's: cleaned only */
	while (live < n && idx[live] * PAGE_SIZE < size)
		live++;
	if (live && i->ops.file->writepages) {
		struct svc_page *h[WB_RUN];

		for (unsigned k = 0; k < live; k++)
			h[k] = (struct svc_page *)pg[k];
		err = vfs_writepages(i, idx, h, live, size);
	} else {
		for (unsigned k = 0; k < live; k++) {
			uint64_t at = idx[k] * PAGE_SIZE;
			int e = vfs_writepage(i, idx[k], pg[k], MIN(PAGE_SIZE, size - at));

			err = err ? err : e;
		}
	}
	f = spin_lock_irqsave(&pcache_lock);
	if (err && !pc->err)
		pc->err = err;
	for (unsigned k = 0; k < n; k++) {
		struct pcache_ent *e = lookup(pc, idx[k]);

		if (e && e->pg == pg[k] && (e->state & PC_WRITEBACK)) {
			e->state &= ~PC_WRITEBACK;
			nr_writeback--;
		}
	}
	spin_unlock_irqrestore(&pcache_lock, f);
	for (unsigned k = 0; k < n; k++)
		page_put(pg[k]);
}

/* Write the dirty ones of the sorted indexes, WB_RUN at a time. */
static void write_listed(struct inode *i, struct pcache *pc, const uint64_t *idx, size_t n,
			 uint64_t size)
{
	struct page *pg[WB_RUN];
	uint64_t at[WB_RUN];

	for (size_t k = 0; k < n;) {
		irqflags_t f = spin_lock_irqsave(&pcache_lock);
		unsigned m = 0;

		for (; k < n && m < WB_RUN; k++) {
			struct pcache_ent *e = lookup(pc, idx[k]);

			if (!e || !(e->state & PC_DIRTY))
				continue; /* cleaned or dropped meanwhile */
			e->state = (e->state & ~PC_DIRTY) | PC_WRITEBACK;
			list_del(&e->dirty);
			pc->ndirty--;
			nr_dirty--;
			nr_writeback++;
			page_get(e->pg);
			at[m] = idx[k];
			pg[m++] = e->pg;
		}
		spin_unlock_irqrestore(&pcache_lock, f);
		if (m)
			write_batch(i, pc, at, pg, m, size);
	}
}

/* `report`: hand the error kept since the last report to the caller
 * (fsync), else keep it for the next one (the thread). */
static int writeback(struct inode *i, uint64_t from, uint64_t to, bool report)
{
	struct pcache *pc = cache_of(i, false);
	uint64_t small[WB_SMALL], *idx;
	struct inode *put;
	struct vfs_stat st;
	size_t cap, n;
	irqflags_t f;
	int err;

	if (!pc)
		return 0;
	vm_file_wrprotect(i, from, to); /* a store after this dirties the page again */
	mutex_lock(&pc->wb);
	if (vfs_stat(i, &st) || st.size < 0)
		st.size = INT64_MAX;
	do {
		f = spin_lock_irqsave(&pcache_lock);
		cap = pc->ndirty;
		spin_unlock_irqrestore(&pcache_lock, f);
		idx = cap > WB_SMALL ? kmalloc(cap * sizeof(*idx)) : NULL;
		if (!idx) {
			idx = small;
			cap = WB_SMALL;
		}
		f = spin_lock_irqsave(&pcache_lock);
		n = list_dirty(pc, from, to, idx, cap);
		spin_unlock_irqrestore(&pcache_lock, f);
		sort_u64(idx, n);
		write_listed(i, pc, idx, n, (uint64_t)st.size);
		if (idx != small)
			kfree(idx);
	} while (n == cap);
	f = spin_lock_irqsave(&pcache_lock);
	err = pc->err;
	if (report)
		pc->err = 0;
	put = unpin(pc);
	spin_unlock_irqrestore(&pcache_lock, f);
	mutex_unlock(&pc->wb);
	if (put)
		inode_put(put);
	return err;
}

int pcache_writeback(struct inode *i, uint64_t from, uint64_t to)
{
	return writeback(i, from, to, true);
}

/* A reference to i unless its last one is gone (its cache is being freed). */
static bool inode_tryget(struct inode *i)
{
	uint64_t v = __atomic_load_n(&i->refs, __ATOMIC_RELAXED);

	while ((uint32_t)v)
		if (__atomic_compare_exchange_n(&i->refs, &v, v + INODE_KREF, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

/* Write back every cache with dirty pages of `sb` (NULL: all) dirty for
 * at least `age` ns.  Each is visited once per round; an error is kept
 * for the file's next fsync. */
static void flush_caches(const struct vfs_sb *sb, uint64_t age)
{
	irqflags_t f = spin_lock_irqsave(&pcache_lock);
	unsigned gen = ++scan_gen;

	for (;;) {
		struct pcache *pc, *found = NULL;
		uint64_t now = time_ns();
		struct inode *i;

		list_for_each_entry (pc, &caches, all) {
			if (pc->scan_gen == gen || !pc->ndirty || (sb && pc->inode->sb != sb) ||
			    now - pc->dirtied < age)
				continue;
			pc->scan_gen = gen;
			if (inode_tryget(pc->inode)) {
				found = pc;
				break;
			}
		}
		if (!found)
			break;
		i = found->inode;
		spin_unlock_irqrestore(&pcache_lock, f);
		(void)writeback(i, 0, UINT64_MAX, false);
		inode_put(i);
		f = spin_lock_irqsave(&pcache_lock);
	}
	spin_unlock_irqrestore(&pcache_lock, f);
}

void pcache_sync(const struct vfs_sb *sb)
{
	flush_caches(sb, 0);
}

void pcache_inode_free(struct inode *i)
{
	struct pcache *pc = i->pcache;
	LIST_HEAD(dead);
	irqflags_t f;

	if (!pc)
		return;
	async_end_all(pc);
	f = spin_lock_irqsave(&pcache_lock);
	list_del(&pc->all);
	for (unsigned k = 0; k < pc->nbuckets; k++) {
		while (!list_empty(&pc->buckets[k])) {
			struct pcache_ent *e =
				list_first_entry(&pc->buckets[k], struct pcache_ent, hash);

			unlink_ent(e);
			list_add(&e->lru, &dead);
		}
	}
	spin_unlock_irqrestore(&pcache_lock, f);
	free_ents(&dead);
	i->pcache = NULL;
	for (struct pc_slots *sl = pc->slots, *next; sl; sl = next) {
		next = sl->retired;
		kfree(sl);
	}
	kfree(pc->buckets);
	kfree(pc);
}

/* Free up to `want` clean pages (all if 0) that only the cache holds. */
static size_t reclaim(size_t want, bool second_chance)
{
	irqflags_t f = spin_lock_irqsave(&pcache_lock);
	size_t scan = nr_cached, freed = 0;
	LIST_HEAD(dead);

	while (scan-- && !list_empty(&lru) && (!want || freed < want)) {
		struct pcache_ent *e = list_first_entry(&lru, struct pcache_ent, lru);
		bool busy =
			(e->state & (PC_LOCKED | PC_DIRTY | PC_WRITEBACK)) || page_refs(e->pg) > 1;

		if (busy || (second_chance && (e->state & PC_REFERENCED))) {
			e->state &= ~PC_REFERENCED;
			list_del(&e->lru);
			list_add_tail(&e->lru, &lru);
			continue;
		}
		unlink_ent(e);
		list_add(&e->lru, &dead);
		freed++;
	}
	spin_unlock_irqrestore(&pcache_lock, f);
	free_ents(&dead);
	return freed;
}

size_t pcache_shrink(size_t want)
{
	size_t freed = reclaim(want, true);

	if (freed < want)
		freed += reclaim(want - freed, false);
	if (__atomic_load_n(&nr_dirty, __ATOMIC_RELAXED) &&
	    !__atomic_exchange_n(&flush_kicked, 1, __ATOMIC_ACQ_REL))
		wq_wake_all(&flush_wq); /* the dirty ones, by the thread */
	return freed;
}

void pcache_drop_clean(void)
{
	reclaim(0, false);
}

void pcache_stats(struct pcache_stats *st)
{
	irqflags_t f = spin_lock_irqsave(&pcache_lock);
	struct pcache_ent *e;

	st->cached = nr_cached;
	st->dirty = nr_dirty;
	st->writeback = nr_writeback;
	st->active = 0;
	list_for_each_entry (e, &lru, lru)
		st->active += (e->state & PC_REFERENCED) || page_refs(e->pg) > 1;
	st->inactive = nr_cached - st->active;
	spin_unlock_irqrestore(&pcache_lock, f);
}

/* ---- the writeback thread ---- */

static long kicked(void *arg)
{
	(void)arg;
	return __atomic_load_n(&flush_kicked, __ATOMIC_ACQUIRE);
}

static void flusher(void *arg)
{
	(void)arg;
	for (;;) {
		bool over;

		wq_sleep_signalable_deadline(&flush_wq, kicked, NULL,
					     time_ns() + WRITEBACK_EVERY_NS);
		over = __atomic_exchange_n(&flush_kicked, 0, __ATOMIC_ACQ_REL);
		flush_caches(NULL, over ? 0 : DIRTY_EXPIRE_NS);
	}
}

static void flush_start(void)
{
	thread_start_once(&flush_started, "writeback", flusher, NULL);
}
