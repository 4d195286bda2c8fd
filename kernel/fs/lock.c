/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The advisory lock manager (kernel/lock.h).  An inode with locks, or with
 * someone inside this file working on its locks, has a lock context in a
 * small hash keyed by the inode's address: two lists (flock locks; POSIX
 * and OFD locks, which conflict with each other), a generation counter and
 * a wait queue.  A lock holder always keeps a file of the inode open, so
 * the inode outlives its context; the context is freed when its lists are
 * empty and nobody holds a reference to it.
 *
 * A blocked request notes the generation, sleeps until it changes (every
 * change of a list bumps it), then tries again from scratch: no lock is
 * ever handed over, as in Linux.  A blocked POSIX request also records
 * which owner it waits for in a global list: a new waiter follows that
 * chain of owners and refuses to sleep (-EDEADLK) when it comes back to
 * itself.  A stale edge (a waiter about to retry) can give a spurious
 * EDEADLK, which POSIX allows and Linux also has.
 *
 * Locking: table_lock guards the hash, each context's refs and the
 * blocked list; ctx->lock guards the context's lists and gen.  The two
 * are never held together.  Records are allocated before taking either.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <linux/fcntl.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <kernel/file.h>
#include <kernel/lock.h>
#include <kernel/process.h>
#include <kernel/waitqueue.h>

#define CTX_BUCKETS    64
#define DEADLOCK_STEPS 10 /* how far the owner chain is followed, as Linux */

enum lock_kind { KIND_FLOCK, KIND_POSIX, KIND_OFD };

struct file_lock {
	struct list_head link; /* in ctx->flocks or ctx->posix */
	enum lock_kind kind;
	int type; /* F_RDLCK or F_WRLCK */
	const void *owner;
	int pid;		 /* the locking process (-1 for OFD), for fdinfo */
	const struct file *file; /* POSIX: set through it (only compared) */
	int64_t start, end;	 /* inclusive; flock: the whole file */
};

struct lock_ctx {
	struct list_head hash_link; /* table_lock */
	struct inode *inode;
	int refs; /* table_lock: callers working on it (sleepers included) */
	struct spinlock lock;
	struct list_head flocks; /* lock */
	struct list_head posix;	 /* lock: POSIX and OFD locks */
	unsigned gen;		 /* lock; sleepers read it atomically */
	int waiters;		 /* lock: sleepers to wake on a change */
	struct waitqueue wq;
};

/* A POSIX owner blocked on another (deadlock detection). */
struct lock_waiter {
	struct list_head link; /* table_lock */
	const void *owner, *blocker;
};

static struct spinlock table_lock = SPINLOCK_INIT("file-locks", LOCK_RANK_FS);
static struct list_head buckets[CTX_BUCKETS];
static LIST_HEAD(blocked);
static int nctx; /* atomic: contexts in the hash; 0 makes closes cheap */
/* Contexts that went empty, kept for reuse (table_lock): an inode locked
 * and unlocked in a loop does not allocate its context each time. */
#define SPARE_CTXS 4
static struct lock_ctx *spare_ctx[SPARE_CTXS];
static int nspare;

static struct list_head *bucket(const struct inode *inode)
{
	uintptr_t h = (uintptr_t)inode;

	return &buckets[(h >> 6 ^ h >> 12) % CTX_BUCKETS];
}

static struct lock_ctx *ctx_find(const struct inode *inode)
{
	struct list_head *b = bucket(inode);
	struct lock_ctx *c;

	if (!b->next)
		return NULL; /* never used: the bucket is not initialised yet */
	list_for_each_entry (c, b, hash_link) {
		if (c->inode == inode)
			return c;
	}
	return NULL;
}

static struct lock_ctx *ctx_alloc(struct inode *inode)
{
	struct lock_ctx *c = kzalloc(sizeof(*c));

	if (c) {
		c->inode = inode;
		spin_lock_init(&c->lock, "file-lock-ctx", LOCK_RANK_FS);
		list_init(&c->flocks);
		list_init(&c->posix);
		wq_init(&c->wq);
	}
	return c;
}

/* The inode's context with a reference, created when `create`; NULL when
 * there is none (or no memory). */
static struct lock_ctx *ctx_get(struct inode *inode, bool create)
{
	struct lock_ctx *c, *fresh = NULL;

	if (!create && !__atomic_load_n(&nctx, __ATOMIC_ACQUIRE))
		return NULL;
	for (;;) {
		irqflags_t f = spin_lock_irqsave(&table_lock);

		c = ctx_find(inode);
		if (!c && create && !fresh && nspare) {
			fresh = spare_ctx[--nspare]; /* empty, unlocked, no waiters */
			fresh->inode = inode;
		}
		if (!c && fresh) {
			struct list_head *b = bucket(inode);

			if (!b->next)
				list_init(b);
			list_add(&fresh->hash_link, b);
			__atomic_add_fetch(&nctx, 1, __ATOMIC_RELEASE);
			c = fresh;
			fresh = NULL;
		}
		if (c)
			c->refs++;
		spin_unlock_irqrestore(&table_lock, f);
		if (c || !create)
			break;
		fresh = ctx_alloc(inode); /* outside the lock; look again after */
		if (!fresh)
			break;
	}
	kfree(fresh);
	return c;
}

/* With no reference left, nobody can reach the lists but through the
 * table: an empty context goes (to the spares, if there is room). */
static void ctx_put(struct lock_ctx *c)
{
	irqflags_t f = spin_lock_irqsave(&table_lock);
	bool dead = --c->refs == 0 && list_empty(&c->flocks) && list_empty(&c->posix);

	if (dead) {
		list_del(&c->hash_link);
		__atomic_sub_fetch(&nctx, 1, __ATOMIC_RELEASE);
		if (nspare < SPARE_CTXS) {
			spare_ctx[nspare++] = c;
			dead = false;
		}
	}
	spin_unlock_irqrestore(&table_lock, f);
	if (dead)
		kfree(c);
}

/* After a change of the lists (ctx->lock held): sleepers must look again. */
static bool ctx_changed(struct lock_ctx *c)
{
	__atomic_add_fetch(&c->gen, 1, __ATOMIC_RELEASE);
	return c->waiters > 0;
}

struct gen_wait {
	struct lock_ctx *ctx;
	unsigned gen;
};

static long gen_moved(void *arg)
{
	struct gen_wait *w = arg;

	return __atomic_load_n(&w->ctx->gen, __ATOMIC_ACQUIRE) != w->gen;
}

/* ctx->lock held: the caller becomes a waiter for changes after the
 * returned generation (ctx_sleep ends that). */
static unsigned ctx_enter_wait(struct lock_ctx *c)
{
	c->waiters++;
	return c->gen;
}

/* Sleep (unless `skip`) until the lists change after `gen`, then stop
 * being a waiter: 0, or -ERESTARTSYS. */
static long ctx_sleep(struct lock_ctx *c, unsigned gen, bool skip)
{
	struct gen_wait w = {.ctx = c, .gen = gen};
	long r = skip ? 0 : wq_sleep_signalable_until(&c->wq, gen_moved, &w);
	irqflags_t f = spin_lock_irqsave(&c->lock);

	c->waiters--;
	spin_unlock_irqrestore(&c->lock, f);
	return r < 0 ? r : 0;
}

static bool conflicts(int a, int b)
{
	return a == F_WRLCK || b == F_WRLCK;
}

/* ---- flock ---- */

/* One attempt (ctx->lock held): drop f's lock unless it is already of
 * `type`, then take *mine if nothing conflicts.  0 or -EWOULDBLOCK;
 * *wake when a lock went. */
static int flock_try(struct lock_ctx *c, struct file *f, int type, struct file_lock **mine,
		     bool *wake)
{
	struct list_head *pos, *tmp;
	struct file_lock *l;

	list_for_each_safe (pos, tmp, &c->flocks) {
		l = list_entry(pos, struct file_lock, link);
		if (l->owner != f)
			continue;
		if (l->type == type)
			return 0; /* already held as asked */
		list_del(&l->link);
		kfree(l);
		*wake |= ctx_changed(c);
	}
	if (type == F_UNLCK)
		return 0;
	list_for_each_entry (l, &c->flocks, link) {
		if (conflicts(l->type, type))
			return -EWOULDBLOCK;
	}
	list_add_tail(&(*mine)->link, &c->flocks);
	*mine = NULL;
	return 0;
}

int lock_flock(struct file *f, int type, bool wait)
{
	struct lock_ctx *c = ctx_get(f->inode, type != F_UNLCK);
	struct file_lock *mine = NULL;
	bool wake = false;
	int r;

	if (!c)
		return type == F_UNLCK ? 0 : -ENOMEM;
	if (type != F_UNLCK) {
		mine = kmalloc(sizeof(*mine)); /* all set just below */
		if (!mine) {
			ctx_put(c);
			return -ENOMEM;
		}
		*mine = (struct file_lock){.kind = KIND_FLOCK, .type = type, .owner = f};
		mine->end = LOCK_OFFSET_MAX;
		mine->pid = current_process() ? current_process()->pid : 0;
	}
	for (;;) {
		irqflags_t fl = spin_lock_irqsave(&c->lock);
		unsigned gen;

		r = flock_try(c, f, type, &mine, &wake);
		if (r == 0 || !wait) {
			spin_unlock_irqrestore(&c->lock, fl);
			break;
		}
		gen = ctx_enter_wait(c);
		spin_unlock_irqrestore(&c->lock, fl);
		if (wake) /* our old lock is gone: others may go first */
			wq_wake_all(&c->wq);
		wake = false;
		r = (int)ctx_sleep(c, gen, false);
		if (r)
			break;
	}
	if (wake)
		wq_wake_all(&c->wq);
	kfree(mine);
	ctx_put(c);
	return r;
}

/* ---- POSIX and OFD record locks ---- */

static bool overlap(const struct file_lock *l, int64_t start, int64_t end)
{
	return l->start <= end && start <= l->end;
}

static struct file_lock *posix_conflict(struct lock_ctx *c, const void *owner, int type,
					int64_t start, int64_t end)
{
	struct file_lock *l;

	list_for_each_entry (l, &c->posix, link) {
		if (l->owner != owner && overlap(l, start, end) && conflicts(l->type, type))
			return l;
	}
	return NULL;
}

/*
 * Make req->owner's locks over [req->start, req->end] req->type (ctx->lock
 * held).  Same-type neighbours, overlapping or adjacent, merge into req;
 * other locks of the owner lose the range, the one that strictly contains
 * it splitting in two (`*spare` becomes its tail).  An owner's locks never
 * overlap, so at most one split happens.
 */
/* Would applying `req` split one of its owner's locks in two? */
static bool posix_splits(struct lock_ctx *c, const struct file_lock *req)
{
	struct file_lock *l;

	list_for_each_entry (l, &c->posix, link) {
		if (l->owner == req->owner && l->type != req->type && l->start < req->start &&
		    l->end > req->end)
			return true;
	}
	return false;
}

static void posix_apply(struct lock_ctx *c, struct file_lock *req, struct file_lock **spare)
{
	struct list_head *pos, *tmp;

	list_for_each_safe (pos, tmp, &c->posix) {
		struct file_lock *l = list_entry(pos, struct file_lock, link);

		if (l->owner != req->owner)
			continue;
		if (l->type == req->type) {
			bool after = req->end != LOCK_OFFSET_MAX && l->start > req->end + 1;

			if (l->end < req->start - 1 || after)
				continue;
			req->start = MIN(req->start, l->start);
			req->end = l->end > req->end ? l->end : req->end;
			list_del(&l->link);
			kfree(l);
			continue;
		}
		if (!overlap(l, req->start, req->end))
			continue;
		if (l->start < req->start && l->end > req->end) {
			struct file_lock *tail = *spare;

			*spare = NULL;
			*tail = *l;
			tail->start = req->end + 1;
			list_add(&tail->link, &l->link);
			l->end = req->start - 1;
		} else if (l->start < req->start) {
			l->end = req->start - 1;
		} else if (l->end > req->end) {
			l->start = req->end + 1;
		} else {
			list_del(&l->link);
			kfree(l);
		}
	}
}

/* Would `owner` waiting for `blocker` close a cycle?  table_lock held. */
static bool would_deadlock(const void *owner, const void *blocker)
{
	for (int step = 0; step < DEADLOCK_STEPS; step++) {
		struct lock_waiter *w;
		const void *next = NULL;

		if (blocker == owner)
			return true;
		list_for_each_entry (w, &blocked, link) {
			if (w->owner == blocker) {
				next = w->blocker;
				break;
			}
		}
		if (!next)
			return false;
		blocker = next;
	}
	return false;
}

/* Sleep on `c` (a waiter since `gen`, its lock released) for `blocker`'s
 * lock: 0 to try again, -EDEADLK or -ERESTARTSYS. */
static long posix_wait(struct lock_ctx *c, unsigned gen, const void *owner, bool ofd,
		       const void *blocker)
{
	struct lock_waiter w = {.owner = owner, .blocker = blocker};
	irqflags_t tf;
	long r;

	if (ofd) /* Linux detects deadlocks among processes only */
		return ctx_sleep(c, gen, false);
	/* A change since the context was unlocked moved gen: the sleep sees it. */
	tf = spin_lock_irqsave(&table_lock);
	if (would_deadlock(w.owner, w.blocker)) {
		spin_unlock_irqrestore(&table_lock, tf);
		ctx_sleep(c, gen, true);
		return -EDEADLK;
	}
	list_add(&w.link, &blocked);
	spin_unlock_irqrestore(&table_lock, tf);
	r = ctx_sleep(c, gen, false);
	tf = spin_lock_irqsave(&table_lock);
	list_del(&w.link);
	spin_unlock_irqrestore(&table_lock, tf);
	return r;
}

void lock_posix_test(struct inode *inode, const void *owner, struct lock_range *r)
{
	struct lock_ctx *c = ctx_get(inode, false);
	struct file_lock *l;
	irqflags_t f;

	if (!c) {
		r->type = F_UNLCK;
		return;
	}
	f = spin_lock_irqsave(&c->lock);
	l = posix_conflict(c, owner, r->type, r->start, r->end);
	if (l) {
		r->type = l->type;
		r->start = l->start;
		r->end = l->end;
		r->pid = l->kind == KIND_OFD ? -1 : l->pid;
	} else {
		r->type = F_UNLCK;
	}
	spin_unlock_irqrestore(&c->lock, f);
	ctx_put(c);
}

/* Allocate the records a non-NULL `ins` (a new lock) and `spare` (a
 * split) point to: 0 or -ENOMEM.  Called without the context's lock. */
static int alloc_records(struct file_lock **ins, struct file_lock **spare)
{
	if (ins)
		*ins = kzalloc(sizeof(**ins));
	if (spare)
		*spare = kzalloc(sizeof(**spare));
	return (ins && !*ins) || (spare && !*spare) ? -ENOMEM : 0;
}

int lock_posix_set(struct inode *inode, const void *owner, bool ofd, int pid,
		   const struct lock_range *r, bool wait)
{
	struct lock_ctx *c = ctx_get(inode, r->type != F_UNLCK);
	struct file_lock *ins = NULL, *spare = NULL;
	bool wake = false;
	int err = 0;

	if (!c)
		return r->type == F_UNLCK ? 0 : -ENOMEM;
	if (r->type != F_UNLCK)
		err = alloc_records(&ins, NULL); /* the usual case needs it */
	while (!err) {
		struct file_lock req = {.kind = ofd ? KIND_OFD : KIND_POSIX,
					.type = r->type,
					.owner = owner,
					.pid = pid,
					.file = r->file,
					.start = r->start,
					.end = r->end};
		irqflags_t f = spin_lock_irqsave(&c->lock);
		struct file_lock *l = r->type == F_UNLCK
					      ? NULL
					      : posix_conflict(c, owner, r->type, r->start, r->end);
		const void *blocker;
		unsigned gen;

		if (!l) {
			bool need_ins = r->type != F_UNLCK && !ins;
			bool need_spare = !spare && posix_splits(c, &req);

			if (need_ins || need_spare) {
				spin_unlock_irqrestore(&c->lock, f);
				err = alloc_records(need_ins ? &ins : NULL,
						    need_spare ? &spare : NULL);
				if (err)
					break;
				continue; /* the lists may have changed meanwhile */
			}
			posix_apply(c, &req, &spare);
			if (r->type != F_UNLCK) {
				*ins = req;
				list_add_tail(&ins->link, &c->posix);
				ins = NULL;
			}
			wake = ctx_changed(c);
			spin_unlock_irqrestore(&c->lock, f);
			break;
		}
		if (!wait) {
			spin_unlock_irqrestore(&c->lock, f);
			err = -EAGAIN;
			break;
		}
		blocker = l->owner;
		gen = ctx_enter_wait(c);
		spin_unlock_irqrestore(&c->lock, f);
		err = (int)posix_wait(c, gen, owner, ofd, blocker);
		if (err)
			break;
	}
	if (wake)
		wq_wake_all(&c->wq);
	kfree(ins);
	kfree(spare);
	ctx_put(c);
	return err;
}

/* Drop every lock of `owner` from `list` (ctx->lock held): a change? */
static bool drop_owner(struct list_head *list, const void *owner)
{
	struct list_head *pos, *tmp;
	bool any = false;

	list_for_each_safe (pos, tmp, list) {
		struct file_lock *l = list_entry(pos, struct file_lock, link);

		if (l->owner == owner) {
			list_del(&l->link);
			kfree(l);
			any = true;
		}
	}
	return any;
}

static void release(struct inode *inode, const void *owner, bool flocks)
{
	struct lock_ctx *c = ctx_get(inode, false);
	bool wake = false, gone;
	irqflags_t f;

	if (!c)
		return;
	f = spin_lock_irqsave(&c->lock);
	gone = drop_owner(&c->posix, owner);
	if (flocks)
		gone = drop_owner(&c->flocks, owner) || gone;
	if (gone)
		wake = ctx_changed(c);
	spin_unlock_irqrestore(&c->lock, f);
	if (wake)
		wq_wake_all(&c->wq);
	ctx_put(c);
}

void lock_close_posix(struct inode *inode, const void *owner)
{
	release(inode, owner, false);
}

void lock_release_file(struct file *f)
{
	release(f->inode, f, true);
}

/* One lock as /proc/<pid>/fdinfo (and /proc/locks) shows it. */
static size_t show_lock(const struct file_lock *l, int id, unsigned major, unsigned minor,
			uint64_t ino, char *buf, size_t size)
{
	static const char *const kinds[] = {
		[KIND_FLOCK] = "FLOCK ",
		[KIND_POSIX] = "POSIX ",
		[KIND_OFD] = "OFDLCK",
	};
	int n = snprintf(buf, size, "lock:\t%d: %s ADVISORY  %s %d %02x:%02x:%llu ", id,
			 kinds[l->kind], l->type == F_WRLCK ? "WRITE" : "READ",
			 l->kind == KIND_OFD ? -1 : l->pid, major, minor, (unsigned long long)ino);
	size_t len = (size_t)n;

	if (l->kind == KIND_FLOCK)
		n = snprintf(buf + MIN(len, size), size - MIN(len, size), "0 EOF\n");
	else if (l->end == LOCK_OFFSET_MAX)
		n = snprintf(buf + MIN(len, size), size - MIN(len, size), "%lld EOF\n",
			     (long long)l->start);
	else
		n = snprintf(buf + MIN(len, size), size - MIN(len, size), "%lld %lld\n",
			     (long long)l->start, (long long)l->end);
	return len + (size_t)n;
}

int lock_show_fdinfo(struct file *f, const void *table, uint64_t dev, uint64_t ino, char *buf,
		     size_t size)
{
	struct lock_ctx *c = ctx_get(f->inode, false);
	unsigned major = (unsigned)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull));
	unsigned minor = (unsigned)((dev & 0xff) | ((dev >> 12) & ~0xffull));
	struct list_head *lists[2];
	struct file_lock *l;
	size_t len = 0;
	int id = 0;
	irqflags_t fl;

	if (!c)
		return 0;
	lists[0] = &c->flocks;
	lists[1] = &c->posix;
	fl = spin_lock_irqsave(&c->lock);
	for (int i = 0; i < 2; i++) {
		list_for_each_entry (l, lists[i], link) {
			if (l->owner != f && (l->owner != table || l->file != f))
				continue;
			len += show_lock(l, ++id, major, minor, ino, buf + MIN(len, size),
					 size - MIN(len, size));
		}
	}
	spin_unlock_irqrestore(&c->lock, fl);
	ctx_put(c);
	return (int)len;
}
