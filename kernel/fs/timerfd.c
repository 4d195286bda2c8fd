/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * timerfd_create(2), timerfd_settime(2), timerfd_gettime(2): a FileLike
 * counting the expirations of a timer, as Linux does.  A read returns the
 * count as 8 bytes and zeroes it, waiting while it is zero (EAGAIN under
 * O_NONBLOCK); poll gives POLLIN while it is not zero.  Clocks: REALTIME,
 * MONOTONIC, BOOTTIME (the monotonic clock: Kevlar never suspends) and
 * their _ALARM forms (CAP_WAKE_ALARM, else EPERM), absolute or relative,
 * one-shot or periodic.  A timer on the real-time clock keeps its expiry
 * in that clock and follows it when the clock is set; armed absolute with
 * TFD_TIMER_CANCEL_ON_SET, a set instead cancels it: the count goes up
 * and the next read gives ECANCELED.  ioctl TFD_IOC_SET_TICKS sets the
 * count (checkpoint/restore).
 *
 * Each timer is a ktimer on the monotonic clock; its callback (IRQ
 * context) counts the expirations due, moves a periodic timer to its next
 * period and re-arms it.  Reads, polls and gettime count them too, so a
 * callback not yet run is never missed.
 *
 * Locking: one spinlock, tfd_lock, guards every timerfd's state and the
 * list of real-time timers; it is taken in IRQ context by the callbacks,
 * ranks just below the wait queues (poll_wake runs under it, so a timer
 * being freed cannot be woken after it is gone) and above nothing else;
 * ktimer_arm nests inside it, ktimer_cancel never does (it waits for a
 * callback, which takes the lock).  settime is serialised per timer by a
 * mutex, so a cancel cannot undo a concurrent arm.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/timerfd.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/anon.h>
#include <kernel/clock.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/mutex.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <kernel/timer.h>
#include <kernel/timerfd.h>
#include <kernel/waitqueue.h>
#include <kernel/vfs.h>

#define TFD_CREATE_FLAGS  (TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_SETTIME_FLAGS (TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)
#define NSEC_PER_SEC	  1000000000ll
/* below the wait queues: poll_wake runs under it (see above) */
#define LOCK_RANK_TIMERFD ((enum lock_rank)(LOCK_RANK_WAITQ - 1))

struct timerfd {
	bool realtime;	       /* immutable: on CLOCK_REALTIME(_ALARM) */
	int clockid;	       /* immutable: timerfd_create's clock */
	struct mutex set_lock; /* serialises settime */
	/* tfd_lock: */
	uint64_t expires;	  /* in the timer's clock, ns; 0: disarmed */
	uint64_t interval;	  /* ns, 0: one-shot */
	uint64_t ticks;		  /* expirations not read yet */
	bool may_cancel;	  /* armed ABSTIME | CANCEL_ON_SET on the real-time clock */
	bool canceled;		  /* the clock was set since: the next read is ECANCELED */
	int settime_flags;	  /* the last settime's (fdinfo) */
	struct list_head rt_link; /* on rt_timers while a real-time timer exists */
	struct ktimer kt;
	struct waitqueue wq;
};

static struct spinlock tfd_lock = SPINLOCK_INIT("timerfd", LOCK_RANK_TIMERFD);
static LIST_HEAD(rt_timers);

static int64_t clock_now(const struct timerfd *t)
{
	return t->realtime ? clock_realtime_ns() : (int64_t)time_ns();
}

/* The monotonic time at which the timer's clock reads `at`. */
static uint64_t mono_deadline(const struct timerfd *t, uint64_t at)
{
	int64_t d;

	if (!t->realtime)
		return at;
	d = (int64_t)at - clock_realtime_offset_ns();
	return d > 0 ? (uint64_t)d : 1;
}

/* a + b, at most INT64_MAX (a time that never comes) */
static uint64_t sat_add(uint64_t a, uint64_t b)
{
	if (b > (uint64_t)INT64_MAX || a > (uint64_t)INT64_MAX - b)
		return INT64_MAX;
	return a + b;
}

/* Count the expirations due by now (tfd_lock held): true if any. */
static bool account_locked(struct timerfd *t)
{
	int64_t now = clock_now(t);
	uint64_t n;

	if (!t->expires || now < (int64_t)t->expires)
		return false;
	n = t->interval ? 1 + ((uint64_t)now - t->expires) / t->interval : 1;
	t->ticks = t->ticks + n < t->ticks ? UINT64_MAX : t->ticks + n;
	t->expires = t->interval ? sat_add(t->expires, (n - 1) * t->interval + t->interval) : 0;
	return true;
}

static void arm_locked(struct timerfd *t)
{
	if (t->expires)
		ktimer_arm(&t->kt, mono_deadline(t, t->expires));
}

static void expired(struct ktimer *kt)
{
	struct timerfd *t = kt->arg;
	irqflags_t f = spin_lock_irqsave(&tfd_lock);

	if (account_locked(t))
		poll_wake(&t->wq, POLLIN | POLLRDNORM);
	arm_locked(t); /* the next period, or a clock set moved the expiry */
	spin_unlock_irqrestore(&tfd_lock, f);
}

void timerfd_clock_was_set(void)
{
	irqflags_t f = spin_lock_irqsave(&tfd_lock);
	struct timerfd *t;

	list_for_each_entry (t, &rt_timers, rt_link) {
		if (t->may_cancel && t->expires) {
			t->canceled = true;
			t->ticks++;
			poll_wake(&t->wq, POLLIN | POLLRDNORM);
		}
		arm_locked(t);
	}
	spin_unlock_irqrestore(&tfd_lock, f);
}

static long has_ticks(void *arg)
{
	struct timerfd *t = arg;

	return READ_ONCE(t->ticks) != 0;
}

static ssize_t timerfd_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct timerfd *t = ino->priv;
	uint64_t ticks = 0;
	bool canceled = false;
	irqflags_t f;
	long err;

	(void)off;
	if (b->len < sizeof(ticks))
		return -EINVAL;
	for (;;) {
		f = spin_lock_irqsave(&tfd_lock);
		account_locked(t);
		ticks = t->ticks;
		canceled = t->canceled;
		if (ticks) {
			t->ticks = 0;
			t->canceled = false;
		}
		spin_unlock_irqrestore(&tfd_lock, f);
		if (ticks)
			break;
		if (flags & O_NONBLOCK)
			return -EAGAIN;
		err = wq_sleep_signalable_until(&t->wq, has_ticks, t);
		if (err < 0)
			return err;
	}
	if (canceled)
		return -ECANCELED;
	return vfs_iobuf_put(b, 0, &ticks, sizeof(ticks)) ? -EFAULT : (ssize_t)sizeof(ticks);
}

static unsigned timerfd_poll(struct inode *ino, unsigned events, unsigned flags,
			     struct poll_table *pt)
{
	struct timerfd *t = ino->priv;
	irqflags_t f;
	bool ready;

	(void)flags;
	poll_wait(pt, &t->wq);
	f = spin_lock_irqsave(&tfd_lock);
	account_locked(t);
	ready = t->ticks != 0;
	spin_unlock_irqrestore(&tfd_lock, f);
	return ready ? (POLLIN | POLLRDNORM) & events : 0;
}

static long timerfd_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct timerfd *t = ino->priv;
	uint64_t ticks;
	irqflags_t f;
	long err = 0;

	if (cmd != TFD_IOC_SET_TICKS)
		return -ENOTTY;
	if (copy_from_user(&ticks, uptr(arg), sizeof(ticks)))
		return -EFAULT;
	if (!ticks)
		return -EINVAL;
	f = spin_lock_irqsave(&tfd_lock);
	if (t->canceled) {
		t->canceled = false;
		err = -ECANCELED;
	} else {
		t->ticks = ticks;
		poll_wake(&t->wq, POLLIN | POLLRDNORM);
	}
	spin_unlock_irqrestore(&tfd_lock, f);
	return err;
}

static void timerfd_free(void *obj)
{
	struct timerfd *t = obj;
	irqflags_t f = spin_lock_irqsave(&tfd_lock);

	t->expires = 0; /* a callback in flight does not re-arm */
	if (t->realtime)
		list_del(&t->rt_link);
	spin_unlock_irqrestore(&tfd_lock, f);
	ktimer_cancel(&t->kt);
	kfree(t);
}

static void current_locked(struct timerfd *t, struct __kernel_itimerspec *cur);

/* fdinfo: the clock, the count, and what gettime would say */
static int timerfd_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	struct timerfd *t = ino->priv;
	struct __kernel_itimerspec cur;
	unsigned long long ticks;
	int flags, len;
	irqflags_t f;

	f = spin_lock_irqsave(&tfd_lock);
	current_locked(t, &cur);
	ticks = t->ticks;
	flags = t->settime_flags;
	spin_unlock_irqrestore(&tfd_lock, f);
	len = snprintf(buf, size,
		       "clockid: %d\nticks: %llu\nsettime flags: 0%o\nit_value: (%llu, %llu)\n"
		       "it_interval: (%llu, %llu)\n",
		       t->clockid, ticks, (unsigned)flags, (unsigned long long)cur.it_value.tv_sec,
		       (unsigned long long)cur.it_value.tv_nsec,
		       (unsigned long long)cur.it_interval.tv_sec,
		       (unsigned long long)cur.it_interval.tv_nsec);
	return len;
}

static const struct anon_kind timerfd_kind = {
	.name = "[timerfd]",
	.ops =
		{
			.open = anon_open,
			.read = timerfd_read,
			.ioctl = timerfd_ioctl,
			.poll = timerfd_poll,
			.stat = anon_stat,
			.show_fdinfo = timerfd_show_fdinfo,
		},
	.free = timerfd_free,
};

long sys_timerfd_create(const struct syscall_args *a)
{
	int clock = (int)a->arg[0];
	unsigned flags = (unsigned)a->arg[1];
	struct timerfd *t;
	struct file *f;
	irqflags_t fl;

	if ((flags & ~TFD_CREATE_FLAGS) ||
	    (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME && clock != CLOCK_REALTIME_ALARM &&
	     clock != CLOCK_BOOTTIME && clock != CLOCK_BOOTTIME_ALARM))
		return -EINVAL;
	if ((clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM) &&
	    !capable(CAP_WAKE_ALARM))
		return -EPERM;
	t = kzalloc(sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->realtime = clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_ALARM;
	t->clockid = clock;
	mutex_init(&t->set_lock, "timerfd-set");
	wq_init(&t->wq);
	ktimer_init(&t->kt, expired, t);
	list_init(&t->rt_link);
	if (t->realtime) {
		fl = spin_lock_irqsave(&tfd_lock);
		list_add_tail(&t->rt_link, &rt_timers);
		spin_unlock_irqrestore(&tfd_lock, fl);
	}
	f = anon_file_new(&timerfd_kind, t, O_RDWR | (flags & O_NONBLOCK));
	if (!f) {
		timerfd_free(t);
		return -ENOMEM;
	}
	return anon_fd_install(f, flags & O_CLOEXEC);
}

static bool ts_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

static uint64_t ts_ns(const struct __kernel_timespec *ts)
{
	if (ts->tv_sec >= INT64_MAX / NSEC_PER_SEC)
		return INT64_MAX;
	return (uint64_t)(ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec);
}

static struct __kernel_timespec ns_ts(uint64_t ns)
{
	return (struct __kernel_timespec){.tv_sec = (long long)(ns / NSEC_PER_SEC),
					  .tv_nsec = (long long)(ns % NSEC_PER_SEC)};
}

/* What gettime reports (tfd_lock held). */
static void current_locked(struct timerfd *t, struct __kernel_itimerspec *cur)
{
	int64_t now = clock_now(t);

	account_locked(t);
	cur->it_value = ns_ts(t->expires && (int64_t)t->expires > now ? t->expires - now : 0);
	cur->it_interval = ns_ts(t->interval);
}

/* The timerfd behind descriptor `fd` (a file reference in *fp): NULL with
 * *err EBADF (no such descriptor) or EINVAL (not a timerfd). */
static struct timerfd *get_timerfd(int fd, struct file **fp, long *err)
{
	struct opened_file_table *tab = current_thread()->files;
	struct file *f = tab ? fdtable_get(tab, fd) : NULL;
	struct timerfd *t = anon_file_obj(f, &timerfd_kind);

	*err = !f ? -EBADF : -EINVAL;
	if (!t && f)
		file_put(f);
	*fp = f;
	return t;
}

long sys_timerfd_settime(const struct syscall_args *a)
{
	int flags = (int)a->arg[1];
	struct __kernel_itimerspec nv, old;
	struct timerfd *t;
	struct file *file;
	uint64_t value;
	irqflags_t f;
	long err;

	if (copy_from_user(&nv, uptr(a->arg[2]), sizeof(nv)))
		return -EFAULT;
	if ((flags & ~TFD_SETTIME_FLAGS) || !ts_valid(&nv.it_value) || !ts_valid(&nv.it_interval))
		return -EINVAL;
	t = get_timerfd((int)a->arg[0], &file, &err);
	if (!t)
		return err;
	value = ts_ns(&nv.it_value);
	mutex_lock(&t->set_lock);
	f = spin_lock_irqsave(&tfd_lock);
	current_locked(t, &old);
	t->ticks = 0;
	t->canceled = false;
	t->interval = ts_ns(&nv.it_interval); /* kept even when disarming, as Linux */
	t->settime_flags = flags;
	t->may_cancel =
		t->realtime && (flags & TFD_TIMER_ABSTIME) && (flags & TFD_TIMER_CANCEL_ON_SET);
	if (!value)
		t->expires = 0;
	else if (flags & TFD_TIMER_ABSTIME)
		t->expires = value;
	else
		t->expires = sat_add((uint64_t)clock_now(t), value);
	arm_locked(t);
	spin_unlock_irqrestore(&tfd_lock, f);
	if (!value)
		ktimer_cancel(&t->kt);
	mutex_unlock(&t->set_lock);
	file_put(file);
	if (a->arg[3] && copy_to_user(uptr(a->arg[3]), &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_timerfd_gettime(const struct syscall_args *a)
{
	struct __kernel_itimerspec cur;
	struct timerfd *t;
	struct file *file;
	irqflags_t f;
	long err;

	t = get_timerfd((int)a->arg[0], &file, &err);
	if (!t)
		return err;
	f = spin_lock_irqsave(&tfd_lock);
	current_locked(t, &cur);
	spin_unlock_irqrestore(&tfd_lock, f);
	file_put(file);
	return copy_to_user(uptr(a->arg[1]), &cur, sizeof(cur)) ? -EFAULT : 0;
}
