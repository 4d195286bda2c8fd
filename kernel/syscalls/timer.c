/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Timer system calls: alarm, setitimer, getitimer, and the POSIX timers
 * (timer_create, timer_settime, timer_gettime, timer_getoverrun,
 * timer_delete).  This file checks and converts user arguments as Linux
 * does; kernel/process/ptimer.c runs the timers.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <asm-generic/siginfo.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/process.h>
#include <kernel/ptimer.h>
#include <kernel/signal.h>

#define NSEC_PER_SEC  1000000000ull
#define NSEC_PER_USEC 1000ull
#define TIME_MAX_NS   (1ull << 62) /* longer settings saturate (~146 years) */

/* A struct itimerval from user space in ns: 0, -EFAULT or -EINVAL. */
static long get_itimerval(uint64_t uaddr, struct itimer_val *v)
{
	struct __kernel_old_itimerval it;
	const struct __kernel_old_timeval *tv[2] = {&it.it_value, &it.it_interval};
	uint64_t *ns[2] = {&v->value, &v->interval};

	if (copy_from_user(&it, uptr(uaddr), sizeof(it)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i]->tv_sec < 0 || tv[i]->tv_usec < 0 || tv[i]->tv_usec >= 1000000)
			return -EINVAL;
		*ns[i] = (uint64_t)tv[i]->tv_sec >= TIME_MAX_NS / NSEC_PER_SEC
				 ? TIME_MAX_NS
				 : (uint64_t)tv[i]->tv_sec * NSEC_PER_SEC +
					   (uint64_t)tv[i]->tv_usec * NSEC_PER_USEC;
	}
	return 0;
}

static struct __kernel_old_timeval to_timeval(uint64_t ns)
{
	return (struct __kernel_old_timeval){.tv_sec = (long)(ns / NSEC_PER_SEC),
					     .tv_usec = (long)(ns % NSEC_PER_SEC / NSEC_PER_USEC)};
}

static long put_itimerval(uint64_t uaddr, const struct itimer_val *v)
{
	struct __kernel_old_itimerval it = {.it_interval = to_timeval(v->interval),
					    .it_value = to_timeval(v->value)};

	return copy_to_user(uptr(uaddr), &it, sizeof(it)) ? -EFAULT : 0;
}

/* setitimer(which, new, old); a NULL new disarms, as Linux still allows */
long sys_setitimer(const struct syscall_args *a)
{
	struct itimer_val nv = {0}, old;
	long err;

	if (a->arg[1]) {
		err = get_itimerval(a->arg[1], &nv);
		if (err)
			return err;
	}
	err = itimer_set((int)a->arg[0], &nv, &old);
	if (err || !a->arg[2])
		return err;
	return put_itimerval(a->arg[2], &old);
}

long sys_getitimer(const struct syscall_args *a)
{
	struct itimer_val cur;
	long err = itimer_get((int)a->arg[0], &cur);

	return err ? err : put_itimerval(a->arg[1], &cur);
}

/* alarm(seconds): the seconds left of the previous alarm, rounded to the
 * nearest and never 0 while one was pending. */
long sys_alarm(const struct syscall_args *a)
{
	struct itimer_val nv = {.value = (uint64_t)(unsigned)a->arg[0] * NSEC_PER_SEC}, old;
	uint64_t sec, nsec;

	itimer_set(ITIMER_REAL, &nv, &old);
	sec = old.value / NSEC_PER_SEC;
	nsec = old.value % NSEC_PER_SEC;
	if ((!sec && nsec) || nsec >= NSEC_PER_SEC / 2)
		sec++;
	return (long)sec;
}

/* ---- POSIX timers ---- */

/* timer_create(clock, sevp, timerid) */
long sys_timer_create(const struct syscall_args *a)
{
	struct ptimer_event ev = {.notify = SIGEV_SIGNAL, .signo = SIGALRM, .default_value = true};
	struct process *p = current_process();
	int clock = (int)a->arg[0], id;
	sigevent_t sev;
	long err;

	if (a->arg[1]) {
		if (copy_from_user(&sev, uptr(a->arg[1]), sizeof(sev)))
			return -EFAULT;
		ev.default_value = false;
		ev.signo = sev.sigev_signo;
		memcpy(&ev.value, &sev.sigev_value, sizeof(ev.value));
		switch (sev.sigev_notify) {
		case SIGEV_THREAD_ID:
			/* a thread of the caller's process */
			if (!process_has_thread(p, sev.sigev_notify_thread_id))
				return -EINVAL;
			ev.tid = sev.sigev_notify_thread_id;
			__attribute__((fallthrough));
		case SIGEV_SIGNAL:
		case SIGEV_THREAD:
			if (sev.sigev_signo <= 0 || sev.sigev_signo > NSIG_K)
				return -EINVAL;
			ev.notify = SIGEV_SIGNAL;
			break;
		case SIGEV_NONE:
			ev.notify = SIGEV_NONE;
			break;
		default:
			return -EINVAL;
		}
	}
	err = ptimer_create(clock, &ev, &id);
	if (err)
		return err;
	if (copy_to_user(uptr(a->arg[2]), &id, sizeof(id))) {
		ptimer_delete(id);
		return -EFAULT;
	}
	return 0;
}

static long get_itimerspec(uint64_t uaddr, struct itimer_val *v)
{
	struct __kernel_itimerspec it;
	const struct __kernel_timespec *ts[2] = {&it.it_value, &it.it_interval};
	uint64_t *ns[2] = {&v->value, &v->interval};

	if (copy_from_user(&it, uptr(uaddr), sizeof(it)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (ts[i]->tv_sec < 0 || ts[i]->tv_nsec < 0 || ts[i]->tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		*ns[i] =
			(uint64_t)ts[i]->tv_sec >= TIME_MAX_NS / NSEC_PER_SEC
				? TIME_MAX_NS
				: (uint64_t)ts[i]->tv_sec * NSEC_PER_SEC + (uint64_t)ts[i]->tv_nsec;
	}
	return 0;
}

static long put_itimerspec(uint64_t uaddr, const struct itimer_val *v)
{
	struct __kernel_itimerspec it = {
		.it_interval = {.tv_sec = (long long)(v->interval / NSEC_PER_SEC),
				.tv_nsec = (long long)(v->interval % NSEC_PER_SEC)},
		.it_value = {.tv_sec = (long long)(v->value / NSEC_PER_SEC),
			     .tv_nsec = (long long)(v->value % NSEC_PER_SEC)},
	};

	return copy_to_user(uptr(uaddr), &it, sizeof(it)) ? -EFAULT : 0;
}

/* timer_settime(id, flags, new, old) */
long sys_timer_settime(const struct syscall_args *a)
{
	struct itimer_val nv, old;
	long err;

	if (!a->arg[2])
		return -EINVAL;
	err = get_itimerspec(a->arg[2], &nv);
	if (err)
		return err;
	err = ptimer_settime((int)a->arg[0], a->arg[1] & TIMER_ABSTIME, &nv,
			     a->arg[3] ? &old : NULL);
	if (err || !a->arg[3])
		return err;
	return put_itimerspec(a->arg[3], &old);
}

long sys_timer_gettime(const struct syscall_args *a)
{
	struct itimer_val cur;
	long err = ptimer_gettime((int)a->arg[0], &cur);

	return err ? err : put_itimerspec(a->arg[1], &cur);
}

long sys_timer_getoverrun(const struct syscall_args *a)
{
	return ptimer_getoverrun((int)a->arg[0]);
}

long sys_timer_delete(const struct syscall_args *a)
{
	return ptimer_delete((int)a->arg[0]);
}
