/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * poll and ppoll.  Each round asks every descriptor's FileLike for its
 * readiness (vfs_poll); with nothing ready the caller sleeps on the
 * kernel-wide poll queue until poll_notify(), its timeout, a signal, or
 * the periodic re-check for files that do not notify (kernel/poll.h).
 * Results, errno and the timeout rules are Linux's: a negative fd is
 * skipped (revents 0), a closed one reports POLLNVAL, POLLERR and
 * POLLHUP are always reported, nfds above RLIMIT_NOFILE is EINVAL, and a
 * signal ends the wait with EINTR (or a transparent restart).
 */
#include <klib/errno.h>
#include <linux/poll.h>
#include <linux/signal.h>
#include <linux/time_types.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/vfs.h>
#include <kernel/syscall.h>
#include <kernel/waitqueue.h>
#include "sys.h"

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define NO_DEADLINE UINT64_MAX

static struct waitqueue poll_wq = WAITQUEUE_INIT(poll_wq);
static uint64_t poll_events; /* bumped by poll_notify (atomic) */

void poll_notify(void)
{
	__atomic_add_fetch(&poll_events, 1, __ATOMIC_RELEASE);
	wq_wake_all(&poll_wq);
}

static long notified(void *arg)
{
	return __atomic_load_n(&poll_events, __ATOMIC_ACQUIRE) != *(uint64_t *)arg;
}

/* One round over the descriptors: how many have events. */
static int poll_round(struct pollfd *pfd, unsigned nfds)
{
	int ready = 0;

	for (unsigned i = 0; i < nfds; i++) {
		unsigned always = POLLERR | POLLHUP | POLLNVAL;
		struct file *f;

		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		f = get_file(pfd[i].fd);
		if (!f) {
			pfd[i].revents = POLLNVAL;
		} else {
			unsigned ev = (unsigned)(uint16_t)pfd[i].events | POLLERR | POLLHUP;

			pfd[i].revents = (short)(vfs_poll(f->inode, ev, f->flags) & (ev | always));
			file_put(f);
		}
		if (pfd[i].revents)
			ready++;
	}
	return ready;
}

/* deadline: time_ns() to stop at, 0 to not wait, NO_DEADLINE forever. */
static long do_poll(uint64_t ufds, uint64_t nfds, uint64_t deadline)
{
	struct pollfd *pfd = NULL;
	size_t size = nfds * sizeof(*pfd);
	long ret;

	if (nfds > current_process()->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	if (nfds) {
		pfd = kmalloc(size);
		if (!pfd)
			return -ENOMEM;
		if (copy_from_user(pfd, uptr(ufds), size)) {
			ret = -EFAULT;
			goto out_free;
		}
	}
	for (;;) {
		uint64_t seen = __atomic_load_n(&poll_events, __ATOMIC_ACQUIRE), now, until;

		ret = poll_round(pfd, (unsigned)nfds);
		if (ret || !deadline)
			break;
		if (signal_pending()) {
			ret = -ERESTARTNOHAND;
			break;
		}
		now = time_ns();
		if (deadline != NO_DEADLINE && now >= deadline)
			break;
		until = now + POLL_RECHECK_NS;
		if (deadline < until)
			until = deadline;
		(void)wq_sleep_signalable_deadline(&poll_wq, notified, &seen, until);
	}
	if (ret >= 0 && nfds && copy_to_user(uptr(ufds), pfd, size))
		ret = -EFAULT;
out_free:
	kfree(pfd);
	return ret;
}

long sys_poll(const struct syscall_args *a)
{
	int ms = (int)a->arg[2];
	uint64_t deadline = NO_DEADLINE;

	if (ms == 0)
		deadline = 0;
	else if (ms > 0)
		deadline = time_ns() + (uint64_t)ms * 1000000ull;
	return do_poll(a->arg[0], a->arg[1], deadline);
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize) */
long sys_ppoll(const struct syscall_args *a)
{
	uint64_t deadline = NO_DEADLINE;

	if (a->arg[2]) {
		struct __kernel_timespec ts;

		if (copy_from_user(&ts, uptr(a->arg[2]), sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
		deadline = deadline ? time_ns() + deadline : 0;
	}
	if (a->arg[3]) {
		struct thread *t = current_thread();
		uint64_t mask;

		if (a->arg[4] != sizeof(uint64_t))
			return -EINVAL;
		if (copy_from_user(&mask, uptr(a->arg[3]), sizeof(mask)))
			return -EFAULT;
		t->saved_sigmask = t->sigmask;
		t->restore_sigmask = true;
		t->sigmask = mask & ~UNBLOCKABLE;
	}
	return do_poll(a->arg[0], a->arg[1], deadline);
}
