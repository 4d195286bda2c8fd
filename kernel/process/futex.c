/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Futexes: wait, wake, requeue and wake-op (futex(2)), and the multiple
 * wait of futex_waitv(2).  The PI family is in futex_pi.c, robust lists in
 * futex_robust.c.
 *
 * A futex is known by a key, as in Linux: a private futex, or one in a
 * private mapping, by its address space and address (processes sharing
 * memory under CLONE_VM find each other; the two kinds apart, as in
 * Linux, where a shared wake misses a private waiter); a shared futex in a MAP_SHARED
 * mapping by the memory itself (the file and offset, or the physical page
 * of shared anonymous memory), so processes that map it at different
 * addresses meet.  Waiters hang in a hash of buckets, each with its own
 * lock, so CPUs working on different futexes do not contend.  A waiter
 * links itself before it reads the futex word, so a wake that follows a
 * change of the word always finds it; that is also why wake-op may change
 * the word before it takes any bucket lock.
 *
 * A requeue moves waiters between two buckets without holding both locks
 * (the lock ranks allow one bucket lock at a time): the waiters leave the
 * first bucket with no bucket (`bucket` NULL) and join the second, all
 * with interrupts off on the requeuing CPU; a waiter that wants to leave
 * meanwhile spins until it has a bucket again.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <linux/futex.h>
#include <linux/mman.h>
#include <platform/irq.h>
#include <platform/kmalloc.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/usercopy.h>
#include <kernel/futex.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vm.h>
#include "futex_impl.h"

static struct futex_bucket buckets[FUTEX_BUCKETS];
static bool buckets_ready;

/* Tags the key of a shared futex in a private mapping (user addresses
 * never have the top bit). */
#define FUTEX_KEY_SHARED (1ull << 63)

struct futex_bucket *futex_bucket_of(const struct futex_key *k)
{
	uint64_t h = (k->off >> 2) ^ (uint64_t)(uintptr_t)k->obj;

	if (!__atomic_load_n(&buckets_ready, __ATOMIC_ACQUIRE)) {
		/* first use sets the buckets up */
		static struct spinlock init_lock = SPINLOCK_INIT("futex-init", LOCK_RANK_FUTEX);
		irqflags_t f = spin_lock_irqsave(&init_lock);

		if (!buckets_ready) {
			for (int i = 0; i < FUTEX_BUCKETS; i++) {
				spin_lock_init(&buckets[i].lock, "futex-bucket", LOCK_RANK_FUTEX);
				list_init(&buckets[i].waiters);
			}
			__atomic_store_n(&buckets_ready, true, __ATOMIC_RELEASE);
		}
		spin_unlock_irqrestore(&init_lock, f);
	}
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	return &buckets[h >> 56];
}

struct futex_bucket *futex_bucket_nth(unsigned i)
{
	struct futex_key k = {NULL, 0};

	futex_bucket_of(&k); /* sets them up */
	return &buckets[i];
}

int futex_get_key(uint64_t uaddr, unsigned flags, struct futex_key *k)
{
	struct vm *vm = current_thread()->vm;
	struct vma *v;
	uint32_t probe;
	irqflags_t f;

	if (uaddr % sizeof(uint32_t))
		return -EINVAL;
	if (!access_ok(uptr(uaddr), sizeof(uint32_t)))
		return -EFAULT;
	k->obj = vm;
	k->off = uaddr;
	if (flags & FUTEX_F_PRIVATE)
		return 0;
	/* a shared futex's key is its page: Linux faults it in */
	if (get_user(probe, (uint32_t __user *)uptr(uaddr)))
		return -EFAULT;
	/* in a private mapping it stays the address space's, but apart from
	 * the private futex at the same address, as in Linux: a shared wake
	 * does not reach a FUTEX_PRIVATE_FLAG waiter */
	k->off = uaddr | FUTEX_KEY_SHARED;
	f = spin_lock_irqsave(&vm->lock);
	v = vm_find(vm, (uintptr_t)uaddr);
	if (v && (v->flags & MAP_SHARED)) {
		if (v->file) {
			k->obj = v->file;
			k->off = v->file_off + (uaddr - v->start);
		} else {
			paddr_t pa =
				aspace_lookup(vm->as, (uintptr_t)uaddr & ~(PAGE_SIZE - 1), NULL);

			if (pa) {
				k->obj = NULL;
				k->off = pa + (uaddr & (PAGE_SIZE - 1));
			}
		}
	}
	spin_unlock_irqrestore(&vm->lock, f);
	return 0;
}

bool futex_same_key(const struct futex_key *a, const struct futex_key *b)
{
	return a->obj == b->obj && a->off == b->off;
}

void futex_sleeper_init(struct futex_sleeper *s)
{
	wq_init(&s->wq);
	s->woken = -1;
	s->owner = false;
	s->owner_gone = false;
}

void futex_queue(struct futex_waiter *w)
{
	struct futex_bucket *b = futex_bucket_of(&w->key);
	irqflags_t f = spin_lock_irqsave(&b->lock);

	w->tid = current_thread()->tid;
	w->bucket = b;
	w->queued = true;
	list_add_tail(&w->link, &b->waiters);
	spin_unlock_irqrestore(&b->lock, f);
}

bool futex_unqueue(struct futex_waiter *w)
{
	for (;;) {
		struct futex_bucket *b = __atomic_load_n(&w->bucket, __ATOMIC_ACQUIRE);
		irqflags_t f;
		bool was;

		if (!b)
			continue; /* a requeue is moving it, with interrupts off */
		f = spin_lock_irqsave(&b->lock);
		if (b != w->bucket) {
			spin_unlock_irqrestore(&b->lock, f);
			continue;
		}
		was = w->queued;
		if (was)
			list_del(&w->link);
		w->queued = false;
		spin_unlock_irqrestore(&b->lock, f);
		return was;
	}
}

void futex_wake_waiter(struct futex_waiter *w, bool owner)
{
	struct futex_sleeper *s = w->s;
	irqflags_t f;

	assert_spin_held(&w->bucket->lock);
	list_del(&w->link);
	w->queued = false;
	f = spin_lock_irqsave(&s->wq.lock);
	if (s->woken < 0)
		s->woken = w->index;
	if (owner)
		s->owner = true;
	wq_wake_all_locked(&s->wq);
	spin_unlock_irqrestore(&s->wq.lock, f);
}

static long sleeper_woken(void *arg)
{
	return ((struct futex_sleeper *)arg)->woken >= 0 ? 1 : 0;
}

long futex_sleep(struct futex_sleeper *s, uint64_t deadline)
{
	return wq_sleep_signalable_deadline(&s->wq, sleeper_woken, s, deadline);
}

void futex_requeue_start(struct futex_waiter *w, const struct futex_key *key2,
			 struct list_head *moving)
{
	list_del(&w->link);
	w->key = *key2;
	__atomic_store_n(&w->bucket, NULL, __ATOMIC_RELEASE);
	list_add_tail(&w->link, moving);
}

void futex_requeue_finish(struct futex_bucket *b2, struct list_head *moving)
{
	spin_lock(&b2->lock);
	while (!list_empty(moving)) {
		struct futex_waiter *w = list_entry(moving->next, struct futex_waiter, link);

		list_del(&w->link);
		list_add_tail(&w->link, &b2->waiters);
		__atomic_store_n(&w->bucket, b2, __ATOMIC_RELEASE);
	}
	spin_unlock(&b2->lock);
}

long futex_wait(uint64_t uaddr, unsigned flags, uint32_t val, uint32_t bitset, uint64_t deadline,
		bool timed)
{
	struct futex_sleeper s;
	struct futex_waiter w = {.bitset = bitset, .kind = FUTEX_PLAIN, .s = &s};
	uint32_t cur;
	long r;

	r = futex_get_key(uaddr, flags, &w.key);
	if (r)
		return r;
	if (get_user(cur, (uint32_t __user *)uptr(uaddr))) /* also pages it in */
		return -EFAULT;
	futex_sleeper_init(&s);
	futex_queue(&w);
	if (get_user(cur, (uint32_t __user *)uptr(uaddr))) {
		futex_unqueue(&w);
		return s.woken >= 0 ? 0 : -EFAULT;
	}
	if (cur != val) {
		futex_unqueue(&w);
		return s.woken >= 0 ? 0 : -EAGAIN;
	}
	r = futex_sleep(&s, deadline);
	futex_unqueue(&w);
	if (s.woken >= 0)
		return 0;
	if (r == -ERESTARTSYS && timed)
		return -EINTR; /* Linux restarts a timed wait only without a handler */
	return r;
}

/* Wake up to nr (at least one, as Linux counts) plain waiters of `key`
 * whose bitset meets `bitset`; -EINVAL if a PI waiter is found first. */
static long wake_key(const struct futex_key *key, int nr, uint32_t bitset)
{
	struct futex_bucket *b = futex_bucket_of(key);
	struct list_head *pos, *next;
	long n = 0;
	irqflags_t f = spin_lock_irqsave(&b->lock);

	for (pos = b->waiters.next; pos != &b->waiters; pos = next) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		next = pos->next;
		if (!futex_same_key(&w->key, key))
			continue;
		if (w->kind != FUTEX_PLAIN) {
			n = -EINVAL;
			break;
		}
		if (!(w->bitset & bitset))
			continue;
		futex_wake_waiter(w, false);
		if (++n >= nr)
			break;
	}
	spin_unlock_irqrestore(&b->lock, f);
	return n;
}

long futex_wake(uint64_t uaddr, unsigned flags, int nr, uint32_t bitset)
{
	struct futex_key key;
	int err = futex_get_key(uaddr, flags, &key);

	return err ? err : wake_key(&key, nr, bitset);
}

long futex_requeue(uint64_t uaddr, unsigned flags, uint64_t uaddr2, int nr_wake, int nr_requeue,
		   const uint32_t *cmpval)
{
	struct futex_key key1, key2;
	struct futex_bucket *b1, *b2;
	struct list_head *pos, *next;
	struct list_head moving = LIST_HEAD_INIT(moving);
	long count = 0, err = 0;
	irqflags_t f;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = futex_get_key(uaddr, flags, &key1);
	if (!err)
		err = futex_get_key(uaddr2, flags, &key2);
	if (err)
		return err;
	if (cmpval) {
		uint32_t cur;

		if (get_user(cur, (uint32_t __user *)uptr(uaddr)))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	b1 = futex_bucket_of(&key1);
	b2 = futex_bucket_of(&key2);
	f = irq_save();
	spin_lock(&b1->lock);
	for (pos = b1->waiters.next; pos != &b1->waiters; pos = next) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		next = pos->next;
		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_same_key(&w->key, &key1))
			continue;
		if (w->kind != FUTEX_PLAIN) {
			err = -EINVAL;
			break;
		}
		if (++count <= nr_wake) {
			futex_wake_waiter(w, false);
			continue;
		}
		if (b1 == b2)
			w->key = key2;
		else
			futex_requeue_start(w, &key2, &moving);
	}
	spin_unlock(&b1->lock);
	if (!list_empty(&moving))
		futex_requeue_finish(b2, &moving);
	irq_restore(f);
	return err ? err : count;
}

int futex_op_compute(uint32_t op, uint32_t oldval, uint32_t *newval)
{
	unsigned kind = (op >> 28) & 7, cmp = (op >> 24) & 15;
	int32_t oparg = (int32_t)(op << 8) >> 20; /* 12 bits, sign-extended */
	int32_t cmparg = (int32_t)(op << 20) >> 20;
	int32_t old = (int32_t)oldval;

	if (op & ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28))
		oparg = (int32_t)(1u << (oparg & 31)); /* Linux masks a bad shift */
	switch (kind & 7) {
	case FUTEX_OP_SET:
		*newval = (uint32_t)oparg;
		break;
	case FUTEX_OP_ADD:
		*newval = oldval + (uint32_t)oparg;
		break;
	case FUTEX_OP_OR:
		*newval = oldval | (uint32_t)oparg;
		break;
	case FUTEX_OP_ANDN:
		*newval = oldval & ~(uint32_t)oparg;
		break;
	case FUTEX_OP_XOR:
		*newval = oldval ^ (uint32_t)oparg;
		break;
	default:
		return -ENOSYS;
	}
	switch (cmp) {
	case FUTEX_OP_CMP_EQ:
		return old == cmparg;
	case FUTEX_OP_CMP_NE:
		return old != cmparg;
	case FUTEX_OP_CMP_LT:
		return old < cmparg;
	case FUTEX_OP_CMP_LE:
		return old <= cmparg;
	case FUTEX_OP_CMP_GT:
		return old > cmparg;
	case FUTEX_OP_CMP_GE:
		return old >= cmparg;
	default:
		return -ENOSYS; /* after the store, as in Linux */
	}
}

long futex_wake_op(uint64_t uaddr, unsigned flags, uint64_t uaddr2, int nr_wake, int nr_wake2,
		   uint32_t op)
{
	struct futex_key key1, key2;
	uint32_t old, cur, newval;
	long n, n2 = 0;
	int ok;
	int err = futex_get_key(uaddr, flags, &key1);

	if (!err)
		err = futex_get_key(uaddr2, flags, &key2);
	if (err)
		return err;
	if (((op >> 28) & 7) > FUTEX_OP_XOR)
		return -ENOSYS; /* an unknown operation touches nothing */
	if (get_user(old, (uint32_t __user *)uptr(uaddr2)))
		return -EFAULT;
	for (;;) {
		ok = futex_op_compute(op, old, &newval);
		if (cmpxchg_user_u32((uint32_t __user *)uptr(uaddr2), old, newval, &cur))
			return -EFAULT;
		if (cur == old)
			break;
		old = cur;
	}
	if (ok < 0)
		return ok;
	n = wake_key(&key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (n < 0)
		return n;
	if (ok) {
		n2 = wake_key(&key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
		if (n2 < 0)
			return n2;
	}
	return n + n2;
}

long futex_wait_multiple(const struct futex_vec *v, int n, uint64_t deadline)
{
	struct futex_sleeper s;
	struct futex_waiter *w = kmalloc((size_t)n * sizeof(*w));
	long r = 0;
	int queued = 0;

	if (!w)
		return -ENOMEM;
	futex_sleeper_init(&s);
	for (int i = 0; i < n; i++) {
		w[i] = (struct futex_waiter){
			.bitset = FUTEX_BITSET_MATCH_ANY, .index = i, .kind = FUTEX_PLAIN, .s = &s};
		r = futex_get_key(v[i].uaddr, v[i].flags, &w[i].key);
		if (r)
			goto out_unqueue;
	}
	for (int i = 0; i < n; i++) {
		uint32_t cur;

		futex_queue(&w[i]);
		queued++;
		if (get_user(cur, (uint32_t __user *)uptr(v[i].uaddr))) {
			r = -EFAULT;
			goto out_unqueue;
		}
		if (cur != v[i].val) {
			r = -EAGAIN;
			goto out_unqueue;
		}
	}
	r = futex_sleep(&s, deadline);
out_unqueue:
	for (int i = 0; i < queued; i++)
		futex_unqueue(&w[i]);
	kfree(w);
	/* even after an error, a futex that was woken is reported */
	if (s.woken >= 0)
		return s.woken;
	return r > 0 ? 0 : r;
}
