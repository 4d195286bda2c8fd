/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * futex(2): FUTEX_WAIT, FUTEX_WAKE and their _BITSET forms, which is what
 * glibc's pthread_once, mutexes and condition variables use.  (Without
 * them, glibc aborts with "The futex facility returned an unexpected error
 * code" the first time pthread_once finishes: OpenSSL, Python's hashlib.)
 *
 * A futex is known by a key, as in Linux: a private futex, or one in a
 * private mapping, by its address space and address (processes sharing
 * memory under CLONE_VM find each other); a shared futex in a MAP_SHARED
 * mapping by the memory itself (the file and offset, or the physical page
 * of shared anonymous memory), so processes that map it at different
 * addresses meet.  Waiters hang in a small hash of buckets; each bucket's
 * wait queue lock guards its waiter list.  A waiter links itself before it
 * reads the futex word, so a wake that follows a change of the word always
 * finds it.  The requeue, wake-op and priority-inheritance operations
 * answer ENOSYS.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <linux/futex.h>
#include <linux/mman.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vm.h>
#include <kernel/waitqueue.h>

#define FUTEX_BUCKETS 64

struct futex_key {
	const void *obj; /* the address space, the file, or NULL (a physical address) */
	uint64_t off;	 /* the user address, the file offset, or the physical address */
};

struct futex_waiter {
	struct list_head link; /* in its bucket's list, guarded by bucket->wq.lock */
	struct futex_key key;
	uint32_t bitset;
	bool woken; /* set by the waker, under bucket->wq.lock */
};

struct futex_bucket {
	struct waitqueue wq; /* its lock also guards `waiters` */
	struct list_head waiters;
};

static struct futex_bucket buckets[FUTEX_BUCKETS];
static bool buckets_ready;

static struct futex_bucket *bucket_of(const struct futex_key *k)
{
	uint64_t h = k->off >> 2;

	if (!__atomic_load_n(&buckets_ready, __ATOMIC_ACQUIRE)) {
		/* first use sets the buckets up */
		static struct spinlock init_lock = SPINLOCK_INIT("futex-init", LOCK_RANK_WAITQ);
		irqflags_t f = spin_lock_irqsave(&init_lock);

		if (!buckets_ready) {
			for (int i = 0; i < FUTEX_BUCKETS; i++) {
				wq_init(&buckets[i].wq);
				list_init(&buckets[i].waiters);
			}
			__atomic_store_n(&buckets_ready, true, __ATOMIC_RELEASE);
		}
		spin_unlock_irqrestore(&init_lock, f);
	}
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	return &buckets[h >> 58];
}

/* The key of the word at uaddr (mapped: the caller has read it). */
static void futex_key(uint64_t uaddr, bool private, struct futex_key *k)
{
	struct vm *vm = current_thread()->vm;
	struct vma *v;
	irqflags_t f;

	k->obj = vm;
	k->off = uaddr;
	if (private)
		return;
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
}

static bool same_key(const struct futex_key *a, const struct futex_key *b)
{
	return a->obj == b->obj && a->off == b->off;
}

static long waiter_woken(void *arg)
{
	return ((struct futex_waiter *)arg)->woken ? 1 : 0;
}

static void unlink_waiter(struct futex_bucket *b, struct futex_waiter *w)
{
	irqflags_t f = spin_lock_irqsave(&b->wq.lock);

	if (!w->woken)
		list_del(&w->link);
	spin_unlock_irqrestore(&b->wq.lock, f);
}

/* Wait while *uaddr == val, until woken, `deadline` (monotonic ns, 0:
 * none) or a signal.  0, -EAGAIN, -EFAULT, -ETIMEDOUT, -EINTR or
 * -ERESTARTSYS. */
static long futex_wait(uint64_t uaddr, bool private, uint32_t val, uint32_t bitset,
		       uint64_t deadline, bool timed)
{
	struct futex_waiter w = {.bitset = bitset};
	struct futex_bucket *b;
	uint32_t cur;
	irqflags_t f;
	long r;

	if (get_user(cur, (uint32_t __user *)uptr(uaddr))) /* also pages it in */
		return -EFAULT;
	futex_key(uaddr, private, &w.key);
	b = bucket_of(&w.key);
	f = spin_lock_irqsave(&b->wq.lock);
	list_add_tail(&w.link, &b->waiters);
	spin_unlock_irqrestore(&b->wq.lock, f);

	if (get_user(cur, (uint32_t __user *)uptr(uaddr))) {
		unlink_waiter(b, &w);
		return w.woken ? 0 : -EFAULT;
	}
	if (cur != val) {
		unlink_waiter(b, &w);
		return w.woken ? 0 : -EAGAIN;
	}
	r = wq_sleep_signalable_deadline(&b->wq, waiter_woken, &w, deadline);
	unlink_waiter(b, &w);
	if (r > 0 || w.woken)
		return 0;
	if (r == -ERESTARTSYS && timed)
		return -EINTR; /* Linux restarts a timed wait only without a handler */
	return r;
}

/* Wake up to nr (at least one, as Linux counts) waiters on the futex whose
 * bitset meets `bitset`; the number woken. */
static long futex_wake(uint64_t uaddr, bool private, int nr, uint32_t bitset)
{
	struct futex_key key;
	struct futex_bucket *b;
	struct list_head *pos, *next;
	long n = 0;
	irqflags_t f;

	futex_key(uaddr, private, &key);
	b = bucket_of(&key);
	f = spin_lock_irqsave(&b->wq.lock);

	for (pos = b->waiters.next; pos != &b->waiters && n < (nr > 1 ? nr : 1); pos = next) {
		struct futex_waiter *w = list_entry(pos, struct futex_waiter, link);

		next = pos->next;
		if (!same_key(&w->key, &key) || !(w->bitset & bitset))
			continue;
		list_del(&w->link);
		w->woken = true;
		n++;
	}
	spin_unlock_irqrestore(&b->wq.lock, f);
	if (n)
		wq_wake_all(&b->wq);
	return n;
}

/* The wait's deadline on the monotonic clock from the user's timeout:
 * relative for FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET (on the wall
 * clock with FUTEX_CLOCK_REALTIME). */
static long futex_deadline(uint64_t utime, int cmd, bool realtime, uint64_t *deadline)
{
	int64_t ns, now;
	long err = get_user_timespec_ns(utime, &ns);

	if (err)
		return err;
	now = (int64_t)time_ns();
	if (cmd == FUTEX_WAIT) /* relative (Linux adds it to the monotonic clock) */
		ns = ns > INT64_MAX - now ? INT64_MAX : now + ns;
	else if (realtime) /* a wall-clock time, on the monotonic clock's scale */
		ns = ns - clock_realtime_ns() + now;
	*deadline = ns > 0 ? (uint64_t)ns : 1;
	return 0;
}

/* futex(uaddr, op, val, timeout, uaddr2, val3) */
long sys_futex(const struct syscall_args *a)
{
	uint64_t uaddr = a->arg[0], deadline = 0;
	int op = (int)a->arg[1];
	int cmd = op & FUTEX_CMD_MASK;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	uint32_t bitset = FUTEX_BITSET_MATCH_ANY;
	long err;

	/* the timeout is read and checked before the operation is */
	if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && a->arg[3]) {
		err = futex_deadline(a->arg[3], cmd, realtime, &deadline);
		if (err)
			return err;
	}
	if (realtime && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS; /* Linux: the wall clock only for the bitset wait */
	switch (cmd) {
	case FUTEX_WAIT_BITSET:
	case FUTEX_WAKE_BITSET:
		bitset = (uint32_t)a->arg[5];
		if (!bitset)
			return -EINVAL;
		break;
	case FUTEX_WAIT:
	case FUTEX_WAKE:
		break;
	default:
		return -ENOSYS;
	}
	if (uaddr % sizeof(uint32_t))
		return -EINVAL;
	if (!access_ok(uptr(uaddr), sizeof(uint32_t)))
		return -EFAULT;
	if (cmd == FUTEX_WAKE || cmd == FUTEX_WAKE_BITSET) {
		uint32_t probe;

		/* a shared futex's key is its page: Linux faults it in */
		if (!(op & FUTEX_PRIVATE_FLAG) && get_user(probe, (uint32_t __user *)uptr(uaddr)))
			return -EFAULT;
		return futex_wake(uaddr, op & FUTEX_PRIVATE_FLAG, (int)a->arg[2], bitset);
	}
	return futex_wait(uaddr, op & FUTEX_PRIVATE_FLAG, (uint32_t)a->arg[2], bitset, deadline,
			  a->arg[3] != 0);
}
