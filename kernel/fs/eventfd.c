/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * eventfd(2) and eventfd2(2): a FileLike holding one 64-bit counter.  A
 * write of an 8-byte value adds it, waiting while the sum would pass
 * 0xfffffffffffffffe; a read returns the counter and zeroes it (or, with
 * EFD_SEMAPHORE, returns 1 and decrements it), waiting while it is zero.
 * A read buffer under 8 bytes, a write of other than 8, is EINVAL, writing 0xffffffffffffffff is EINVAL, a
 * file with O_NONBLOCK gets EAGAIN instead of waiting.  poll: POLLIN
 * while the counter is non-zero, POLLOUT while 1 can still be added,
 * POLLERR if it ever holds the overflow value (only a kernel signal could
 * put it there; none does yet).
 *
 * Locking: the counter is changed by compare-and-swap alone, so readers
 * and writers on any CPU never take a lock on the fast path; sleepers
 * wait on `wq` with a predicate that re-reads the counter, and every
 * change is followed by poll_wake() on that queue.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <platform/kmalloc.h>
#include <generated/syscalls.h>
#include <kernel/anon.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/syscall.h>
#include <kernel/waitqueue.h>
#include <kernel/vfs.h>

/* Linux's include/linux/eventfd.h (not UAPI) */
#define EFD_SEMAPHORE 1
#define EFD_FLAGS     (EFD_SEMAPHORE | O_CLOEXEC | O_NONBLOCK)
#define EFD_MAX	      0xfffffffffffffffeull

struct eventfd {
	uint64_t count;	     /* atomic */
	bool semaphore;	     /* immutable */
	int id;		     /* immutable: fdinfo's eventfd-id */
	struct waitqueue wq; /* readers, writers and pollers */
};

struct add_wait {
	struct eventfd *e;
	uint64_t n;
};

static long has_count(void *arg)
{
	struct eventfd *e = arg;

	return __atomic_load_n(&e->count, __ATOMIC_ACQUIRE) != 0;
}

static long has_room(void *arg)
{
	struct add_wait *w = arg;

	return EFD_MAX - __atomic_load_n(&w->e->count, __ATOMIC_ACQUIRE) >= w->n;
}

/* Take what a read returns: the value, or 0 when the counter is zero. */
static uint64_t take(struct eventfd *e)
{
	uint64_t c = __atomic_load_n(&e->count, __ATOMIC_ACQUIRE);

	while (c) {
		uint64_t left = e->semaphore ? c - 1 : 0;

		if (__atomic_compare_exchange_n(&e->count, &c, left, false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			return e->semaphore ? 1 : c;
	}
	return 0;
}

/* Add n if it fits: true when added. */
static bool add(struct eventfd *e, uint64_t n)
{
	uint64_t c = __atomic_load_n(&e->count, __ATOMIC_ACQUIRE);

	while (EFD_MAX - c >= n) {
		if (__atomic_compare_exchange_n(&e->count, &c, c + n, false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			return true;
	}
	return false;
}

static ssize_t eventfd_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct eventfd *e = ino->priv;
	uint64_t v;
	long err;

	(void)off;
	if (b->len < sizeof(v))
		return -EINVAL;
	while (!(v = take(e))) {
		if (flags & O_NONBLOCK)
			return -EAGAIN;
		err = wq_sleep_signalable_until(&e->wq, has_count, e);
		if (err < 0)
			return err;
	}
	poll_wake(&e->wq, POLLOUT | POLLWRNORM);
	/* the value is consumed even if it cannot be handed over, as Linux */
	return vfs_iobuf_put(b, 0, &v, sizeof(v)) ? -EFAULT : (ssize_t)sizeof(v);
}

static ssize_t eventfd_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct eventfd *e = ino->priv;
	struct add_wait w = {.e = e};
	long err;

	(void)off;
	if (b->len != sizeof(w.n)) /* exactly 8 bytes, as Linux 6.x */
		return -EINVAL;
	if (vfs_iobuf_get(b, 0, &w.n, sizeof(w.n)))
		return -EFAULT;
	if (w.n == UINT64_MAX)
		return -EINVAL;
	while (!add(e, w.n)) {
		if (flags & O_NONBLOCK)
			return -EAGAIN;
		err = wq_sleep_signalable_until(&e->wq, has_room, &w);
		if (err < 0)
			return err;
	}
	if (w.n)
		poll_wake(&e->wq, POLLIN | POLLRDNORM);
	return sizeof(w.n);
}

static unsigned eventfd_poll(struct inode *ino, unsigned events, unsigned flags,
			     struct poll_table *pt)
{
	struct eventfd *e = ino->priv;
	unsigned mask = 0;
	uint64_t c;

	(void)flags;
	poll_wait(pt, &e->wq);
	c = __atomic_load_n(&e->count, __ATOMIC_ACQUIRE);
	if (c)
		mask |= POLLIN | POLLRDNORM;
	if (c == UINT64_MAX)
		mask |= POLLERR;
	if (c < EFD_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask & (events | POLLERR | POLLHUP);
}

/* fdinfo: the counter in Linux's padded hex, the id, the mode */
static int eventfd_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	struct eventfd *e = ino->priv;

	return snprintf(buf, size, "eventfd-count: %16llx\neventfd-id: %d\neventfd-semaphore: %d\n",
			(unsigned long long)__atomic_load_n(&e->count, __ATOMIC_RELAXED), e->id,
			e->semaphore);
}

static void eventfd_free(void *obj)
{
	kfree(obj);
}

static const struct anon_kind eventfd_kind = {
	.name = "[eventfd]",
	.ops =
		{
			.open = anon_open,
			.read = eventfd_read,
			.write = eventfd_write,
			.poll = eventfd_poll,
			.stat = anon_stat,
			.show_fdinfo = eventfd_show_fdinfo,
		},
	.free = eventfd_free,
};

static long do_eventfd(unsigned initval, unsigned flags)
{
	static int next_id; /* Linux reuses the lowest free id; these only grow */
	struct eventfd *e;
	struct file *f;

	if (flags & ~EFD_FLAGS)
		return -EINVAL;
	e = kzalloc(sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->count = initval;
	e->semaphore = flags & EFD_SEMAPHORE;
	e->id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED) & 0x7fffffff;
	wq_init(&e->wq);
	f = anon_file_new(&eventfd_kind, e, O_RDWR | (flags & O_NONBLOCK));
	if (!f) {
		kfree(e);
		return -ENOMEM;
	}
	return anon_fd_install(f, flags & O_CLOEXEC);
}

long sys_eventfd(const struct syscall_args *a)
{
	return do_eventfd((unsigned)a->arg[0], 0);
}

long sys_eventfd2(const struct syscall_args *a)
{
	return do_eventfd((unsigned)a->arg[0], (unsigned)a->arg[1]);
}
