/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Clocks and sleeping: clock_gettime, clock_getres, gettimeofday, time,
 * nanosleep, clock_nanosleep, times, getrusage (sysinfo is in misc.c).
 * CLOCK_REALTIME is the boot-time reading of the battery-backed clock
 * plus the monotonic clock (settimeofday moves the offset); the monotonic
 * clocks count from boot.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/resource.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/times.h>
#include <platform/page.h>
#include <platform/time.h>
#include <platform/spinlock.h>
#include <platform/usercopy.h>
#include <platform/vdso.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/timerfd.h>
#include <kernel/waitqueue.h>

#define NSEC_PER_SEC 1000000000ll
#define USER_HZ	     100

static int64_t realtime_offset_ns; /* settimeofday's adjustment; written under realtime_lock */
/* Serializes the writers of realtime_offset_ns, so the vDSO's copy is
 * published in the order the values were set.  A leaf lock. */
static struct spinlock realtime_lock = SPINLOCK_INIT("realtime", LOCK_RANK_NONE);

/* What the real-time clock adds to the monotonic one; the vDSO reads
 * CLOCK_REALTIME as time_ns() plus this. */
int64_t clock_realtime_offset_ns(void)
{
	return wall_clock_boot_seconds() * NSEC_PER_SEC +
	       __atomic_load_n(&realtime_offset_ns, __ATOMIC_RELAXED);
}

static void publish_realtime(void) __must_hold(&realtime_lock)
{
	vdso_set_realtime_offset(clock_realtime_offset_ns());
}

int64_t clock_realtime_ns(void)
{
	return clock_realtime_offset_ns() + (int64_t)time_ns();
}

/* The coarse clocks read the monotonic clock rounded down to the tick
 * (SCHED_SLICE_NS, Debian's HZ=250), Linux's time of the last tick; the
 * vDSO rounds the same way (coarse_res_ns), so both agree. */
uint64_t clock_monotonic_coarse_ns(void)
{
	uint64_t ns = time_ns();

	return ns - ns % SCHED_SLICE_NS;
}

int64_t clock_realtime_coarse_ns(void)
{
	return clock_realtime_offset_ns() + (int64_t)clock_monotonic_coarse_ns();
}

void clock_realtime_shift(int64_t delta_ns)
{
	irqflags_t f = spin_lock_irqsave(&realtime_lock);

	__atomic_add_fetch(&realtime_offset_ns, delta_ns, __ATOMIC_RELAXED);
	publish_realtime();
	spin_unlock_irqrestore(&realtime_lock, f);
	timerfd_clock_was_set();
}

static uint64_t thread_cpu_ns(void)
{
	uint64_t user, sys;

	thread_cputime(current_thread(), &user, &sys);
	return user + sys;
}

static long clock_now(int clk, int64_t *ns);

/* A CPU-time clock named by a pid or tid (clock_getcpuclockid,
 * pthread_getcpuclockid): the clock id is ~id << 3, bit 2 set for a
 * thread, and the low two bits PROF (0), VIRT (1) or SCHED (2).  id 0
 * is the caller.  A thread clock names a thread of the caller's process
 * (Linux: any thread); a process clock any process.  VIRT counts user
 * time only. */
static long cpu_clock_now(int clk, int64_t *ns)
{
	int id = ~(clk >> 3);
	bool thread = clk & 4;
	uint64_t v;
	long err;

	if ((clk & 3) == 3)
		return -EINVAL;
	if (id == 0)
		return clock_now(thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID, ns);
	err = thread ? thread_clock_ns(id, &v) : process_clock_ns(id, &v);
	if (!err)
		*ns = (int64_t)v;
	return err;
}

/* The clock's time now in ns, or -EINVAL. */
static long clock_now(int clk, int64_t *ns)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
		*ns = clock_realtime_ns();
		return 0;
	case CLOCK_REALTIME_COARSE:
		*ns = clock_realtime_coarse_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = (int64_t)time_ns();
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = (int64_t)clock_monotonic_coarse_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID: {
		uint64_t user, sys;

		process_cputime(current_process(), &user, &sys);
		*ns = (int64_t)(user + sys);
		return 0;
	}
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (int64_t)thread_cpu_ns();
		return 0;
	default:
		return clk < 0 ? cpu_clock_now(clk, ns) : -EINVAL;
	}
}

static struct __kernel_timespec to_ts(int64_t ns)
{
	return (struct __kernel_timespec){.tv_sec = ns / NSEC_PER_SEC,
					  .tv_nsec = ns % NSEC_PER_SEC};
}

long sys_clock_gettime(const struct syscall_args *a)
{
	struct __kernel_timespec ts;
	int64_t ns;
	long err = clock_now((int)a->arg[0], &ns);

	if (err)
		return err;
	ts = to_ts(ns);
	return copy_to_user(uptr(a->arg[1]), &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(const struct syscall_args *a)
{
	struct __kernel_timespec ts = {.tv_sec = 0, .tv_nsec = 1};
	int64_t ns;
	long err = clock_now((int)a->arg[0], &ns);

	if (err)
		return err;
	/* the coarse clocks and the tick-sampled PROF and VIRT CPU clocks
	 * step by a tick (Debian's HZ is 250) */
	if ((int)a->arg[0] == CLOCK_REALTIME_COARSE || (int)a->arg[0] == CLOCK_MONOTONIC_COARSE ||
	    ((int)a->arg[0] < 0 && ((int)a->arg[0] & 3) != 2))
		ts.tv_nsec = SCHED_SLICE_NS;
	if (a->arg[1] && copy_to_user(uptr(a->arg[1]), &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_gettimeofday(const struct syscall_args *a)
{
	int64_t ns = clock_realtime_ns();
	struct __kernel_old_timeval tv = {.tv_sec = ns / NSEC_PER_SEC,
					  .tv_usec = (ns % NSEC_PER_SEC) / 1000};
	struct timezone tz = {0};

	if (a->arg[0] && copy_to_user(uptr(a->arg[0]), &tv, sizeof(tv)))
		return -EFAULT;
	if (a->arg[1] && copy_to_user(uptr(a->arg[1]), &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

/* The latest time settimeofday/clock_settime accept: Linux keeps 30 years
 * of uptime's headroom below KTIME_MAX (2^63 - 1 ns), so the sum of the
 * two never overflows.  Later times are EINVAL. */
#define SETTOD_SEC_MAX (9223372036ll - 30ll * 365 * 24 * 3600)

/* Set CLOCK_REALTIME to `sec`.`nsec` (validated: 0 or -EINVAL). */
static long set_realtime(int64_t sec, int64_t nsec)
{
	irqflags_t f;

	if (sec < 0 || sec >= SETTOD_SEC_MAX || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	f = spin_lock_irqsave(&realtime_lock);
	__atomic_store_n(&realtime_offset_ns,
			 sec * NSEC_PER_SEC + nsec - (int64_t)time_ns() -
				 wall_clock_boot_seconds() * NSEC_PER_SEC,
			 __ATOMIC_RELAXED);
	publish_realtime();
	spin_unlock_irqrestore(&realtime_lock, f);
	timerfd_clock_was_set();
	return 0;
}

long sys_settimeofday(const struct syscall_args *a)
{
	struct __kernel_old_timeval tv;

	if (a->arg[0] && copy_from_user(&tv, uptr(a->arg[0]), sizeof(tv)))
		return -EFAULT;
	if (a->arg[0] && (tv.tv_usec < 0 || tv.tv_usec >= 1000000 || tv.tv_sec < 0))
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM; /* even with nothing to set */
	if (!a->arg[0])
		return 0;
	return set_realtime(tv.tv_sec, tv.tv_usec * 1000);
}

/* Only CLOCK_REALTIME can be set: the others are EINVAL, except a valid
 * CPU-time clock (EPERM), as on Linux. */
long sys_clock_settime(const struct syscall_args *a)
{
	struct __kernel_timespec ts;
	int clk = (int)a->arg[0];
	int64_t ns;

	if (clk != CLOCK_REALTIME)
		return clk < 0 && !clock_now(clk, &ns) ? -EPERM : -EINVAL;
	if (copy_from_user(&ts, uptr(a->arg[1]), sizeof(ts)))
		return -EFAULT;
	if (ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC || ts.tv_sec < 0)
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	return set_realtime(ts.tv_sec, ts.tv_nsec); /* then the settod limit, as Linux */
}

long sys_time(const struct syscall_args *a)
{
	/* Linux's time(2) reads the seconds of the last tick */
	long t = (long)(clock_realtime_coarse_ns() / NSEC_PER_SEC);

	if (a->arg[0] && put_user(t, (long __user *)uptr(a->arg[0])))
		return -EFAULT;
	return t;
}

/* ---- sleeping ---- */

/* Sleep until the clock reads `deadline` (absolute, that clock's ns).
 * 0, or -ERESTARTSYS-like -EINTR with the time left in *left. */
static long sleep_until_clock(int clk, int64_t deadline, int64_t *left)
{
	int64_t now;
	long r;

	clock_now(clk, &now);
	if (deadline <= now)
		return 0;
	/* the wait runs on the monotonic clock */
	r = sleep_signalable(time_ns() + (uint64_t)(deadline - now));
	if (r == -ETIMEDOUT)
		return 0;
	clock_now(clk, &now);
	*left = deadline > now ? deadline - now : 0;
	return -EINTR;
}

long get_user_timespec_ns(uint64_t uaddr, int64_t *ns)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, uptr(uaddr), sizeof(ts)))
		return -EFAULT;
	if (ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC || ts.tv_sec < 0)
		return -EINVAL;
	*ns = ts.tv_sec > INT64_MAX / NSEC_PER_SEC - 1 ? INT64_MAX
						       : ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

static long put_left(uint64_t uaddr, int64_t left)
{
	struct __kernel_timespec ts = to_ts(left);

	if (uaddr && copy_to_user(uptr(uaddr), &ts, sizeof(ts)))
		return -EFAULT;
	return -EINTR;
}

long sys_nanosleep(const struct syscall_args *a)
{
	int64_t req, now, left = 0;
	long r = get_user_timespec_ns(a->arg[0], &req);

	if (r)
		return r;
	clock_now(CLOCK_MONOTONIC, &now);
	r = sleep_until_clock(CLOCK_MONOTONIC, req > INT64_MAX - now ? INT64_MAX : now + req,
			      &left);
	return r ? put_left(a->arg[1], left) : 0;
}

/* clock_nanosleep(clock, flags, request, remain) */
long sys_clock_nanosleep(const struct syscall_args *a)
{
	int clk = (int)a->arg[0];
	int64_t req, now, left = 0;
	long r;

	if (clk == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (clock_now(clk, &now))
		return -EINVAL;
	if (a->arg[1] & ~(uint64_t)TIMER_ABSTIME)
		return -EINVAL;
	r = get_user_timespec_ns(a->arg[2], &req);
	if (r)
		return r;
	if (a->arg[1] & TIMER_ABSTIME)
		return sleep_until_clock(clk, req, &left) ? -EINTR : 0;
	r = sleep_until_clock(clk, req > INT64_MAX - now ? INT64_MAX : now + req, &left);
	return r ? put_left(a->arg[3], left) : 0;
}

/* ---- accounting ---- */

#define NS_PER_USER_TICK (NSEC_PER_SEC / USER_HZ)

/* The CPU time of the caller's children it waited for. */
static void children_cputime(uint64_t *user, uint64_t *sys)
{
	struct process *p = current_process();
	irqflags_t f = process_lock_tree();

	*user = p->timers.child_utime;
	*sys = p->timers.child_stime;
	process_unlock_tree(f);
}

long sys_times(const struct syscall_args *a)
{
	struct tms t = {0};
	long ticks = (long)(time_ns() / NS_PER_USER_TICK);
	uint64_t user, sys;

	process_cputime(current_process(), &user, &sys);
	t.tms_utime = (long)(user / NS_PER_USER_TICK);
	t.tms_stime = (long)(sys / NS_PER_USER_TICK);
	children_cputime(&user, &sys);
	t.tms_cutime = (long)(user / NS_PER_USER_TICK);
	t.tms_cstime = (long)(sys / NS_PER_USER_TICK);
	if (a->arg[0] && copy_to_user(uptr(a->arg[0]), &t, sizeof(t)))
		return -EFAULT;
	return ticks;
}

static struct __kernel_old_timeval ns_to_tv(uint64_t ns)
{
	return (struct __kernel_old_timeval){.tv_sec = (long)(ns / NSEC_PER_SEC),
					     .tv_usec = (long)(ns % NSEC_PER_SEC / 1000)};
}

long sys_getrusage(const struct syscall_args *a)
{
	struct rusage ru;
	int who = (int)a->arg[0];
	uint64_t user, sys;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	memset(&ru, 0, sizeof(ru));
	if (who == RUSAGE_CHILDREN) {
		children_cputime(&user, &sys);
		ru.ru_maxrss = (long)READ_ONCE(current_process()->child_maxrss_kb);
	} else if (who == RUSAGE_THREAD) {
		thread_cputime(current_thread(), &user, &sys);
		ru.ru_maxrss = (long)process_maxrss(current_process(), true);
	} else {
		process_cputime(current_process(), &user, &sys);
		ru.ru_maxrss = (long)process_maxrss(current_process(), true);
	}
	ru.ru_utime = ns_to_tv(user);
	ru.ru_stime = ns_to_tv(sys);
	return copy_to_user(uptr(a->arg[1]), &ru, sizeof(ru)) ? -EFAULT : 0;
}
