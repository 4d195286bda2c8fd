/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait and
 * epoll_pwait2 over kernel/fs/epoll.c, with Linux's argument checks in
 * Linux's order: epoll_ctl copies the event first (EFAULT, for any op but
 * DEL), then EBADF for either descriptor, EPERM for a file without
 * readiness, EINVAL; epoll_wait checks the descriptor (EBADF), maxevents
 * (EINVAL), the buffer (EFAULT), then that it is an epoll (EINVAL), as
 * Linux 6.18 does.
 */
#include <klib/errno.h>
#include <linux/eventpoll.h>
#include <linux/fcntl.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/epoll.h>
#include <kernel/signal.h>
#include "sys.h"

/* Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event) */
#define EP_MAX_EVENTS (0x7fffffff / (int)sizeof(struct epoll_event))
#define NO_DEADLINE   UINT64_MAX

static long do_epoll_create(unsigned flags)
{
	struct opened_file_table *t = fdt();
	struct file *f;
	long fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	if (!t)
		return -EMFILE;
	f = epoll_file_new(0);
	if (!f)
		return -ENOMEM;
	fd = fdtable_install(t, f, 0, flags & EPOLL_CLOEXEC);
	file_put(f);
	return fd;
}

/* epoll_create(size): size is only checked, as Linux */
long sys_epoll_create(const struct syscall_args *a)
{
	if ((int)a->arg[0] <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

long sys_epoll_create1(const struct syscall_args *a)
{
	return do_epoll_create((unsigned)a->arg[0]);
}

/* epoll_ctl(epfd, op, fd, event) */
long sys_epoll_ctl(const struct syscall_args *a)
{
	int op = (int)a->arg[1], fd = (int)a->arg[2];
	struct epoll_event ev = {0};
	struct file *ef, *tf;
	long err = -EBADF;

	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uptr(a->arg[3]), sizeof(ev)))
		return -EFAULT;
	ef = get_io_file((int)a->arg[0]);
	if (!ef)
		return -EBADF;
	tf = get_io_file(fd);
	if (tf) {
		err = epoll_ctl_file(ef, op, tf, fd, (__force unsigned)ev.events, ev.data);
		file_put(tf);
	}
	file_put(ef);
	return err;
}

static long do_epoll_wait(int epfd, uint64_t uevents, int max, uint64_t deadline)
{
	struct file *ef = get_io_file(epfd);
	long r;

	if (!ef)
		return -EBADF;
	if (max <= 0 || max > EP_MAX_EVENTS)
		r = -EINVAL;
	else if (!access_ok(uptr(uevents), (size_t)max * sizeof(struct epoll_event)))
		r = -EFAULT;
	else if (!is_epoll_file(ef))
		r = -EINVAL;
	else
		r = epoll_wait_file(ef, uptr(uevents), max, deadline);
	file_put(ef);
	return r;
}

/* A millisecond timeout as a deadline: negative waits forever. */
static uint64_t ms_deadline(int ms)
{
	if (ms < 0)
		return NO_DEADLINE;
	return ms ? time_ns() + (uint64_t)ms * 1000000ull : 0;
}

/* The mask for the wait, the old one back after (signal_end_wait_mask at
 * the end of the call, or after the handler of the signal that ended it). */
static long set_wait_mask(uint64_t umask, uint64_t size)
{
	return umask ? signal_set_wait_mask(umask, size) : 0;
}

/* epoll_wait(epfd, events, maxevents, timeout_ms) */
long sys_epoll_wait(const struct syscall_args *a)
{
	return do_epoll_wait((int)a->arg[0], a->arg[1], (int)a->arg[2],
			     ms_deadline((int)a->arg[3]));
}

/* epoll_pwait(epfd, events, maxevents, timeout_ms, sigmask, sigsetsize) */
long sys_epoll_pwait(const struct syscall_args *a)
{
	long err;

	if (!a->arg[4]) /* no mask (musl's epoll_wait): nothing to set or restore */
		return sys_epoll_wait(a);
	err = set_wait_mask(a->arg[4], a->arg[5]);
	if (err)
		return err;
	return signal_end_wait_mask(do_epoll_wait((int)a->arg[0], a->arg[1], (int)a->arg[2],
						  ms_deadline((int)a->arg[3])));
}

/* epoll_pwait2(epfd, events, maxevents, timespec, sigmask, sigsetsize) */
long sys_epoll_pwait2(const struct syscall_args *a)
{
	uint64_t deadline = NO_DEADLINE;
	long err;

	if (a->arg[3]) {
		int64_t ns;

		err = get_user_timespec_ns(a->arg[3], &ns);
		if (err)
			return err;
		deadline = ns ? time_ns() + (uint64_t)ns : 0;
	}
	err = set_wait_mask(a->arg[4], a->arg[5]);
	if (err)
		return err;
	return signal_end_wait_mask(
		do_epoll_wait((int)a->arg[0], a->arg[1], (int)a->arg[2], deadline));
}
