/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * poll, ppoll, select and pselect6.  Each round asks every descriptor's
 * FileLike for its readiness (vfs_poll); the first also registers a poll
 * table on each file's wait queues (kernel/poll.h), and with nothing ready
 * the caller sleeps until one of them is woken, its timeout or a signal.
 * Results, errno and the timeout rules are Linux's: a negative fd is
 * skipped (revents 0), a closed one reports POLLNVAL, POLLERR and
 * POLLHUP are always reported, nfds above RLIMIT_NOFILE is EINVAL, and a
 * signal ends the wait with EINTR (or a transparent restart).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/poll.h>
#include <linux/signal.h>
#include <linux/time_types.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/vfs.h>
#include <kernel/syscall.h>
#include <kernel/waitqueue.h>
#include "sys.h"

#define NO_DEADLINE UINT64_MAX

/* The calling thread's table when no one else can change it (its
 * process's only thread, the table shared with no other process): a round
 * that registers nothing may then use its files without references, as
 * Linux's fdget does.  NULL otherwise. */
static struct opened_file_table *private_table(void)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;

	if (!t->files || __atomic_load_n(&p->live_threads, __ATOMIC_RELAXED) != 1)
		return NULL;
	if (__atomic_load_n(&t->files->refs, __ATOMIC_ACQUIRE) !=
	    1 + (READ_ONCE(p->files) == t->files))
		return NULL;
	return t->files;
}

/* A round's file at `fd`: borrowed from `own` (see above) or a reference
 * (round_put gives it back). */
static struct file *round_get(struct opened_file_table *own, int fd)
{
	return own ? fdtable_peek_own(own, fd) : get_file(fd);
}

static void round_put(struct opened_file_table *own, struct file *f)
{
	if (!own)
		file_put(f);
}

/* One round over the descriptors (poll's or select's): how many have
 * events, or -errno.  With `pt`, each file's wait queues are registered on
 * it until one is found ready; `first`: the call's first round. */
typedef long (*round_fn)(void *ctx, struct poll_table *pt, bool first);

struct poll_set {
	struct pollfd *pfd;
	unsigned nfds;
};

static long poll_round(void *ctx, struct poll_table *pt, bool first)
{
	struct pollfd *pfd = ((struct poll_set *)ctx)->pfd;
	unsigned nfds = ((struct poll_set *)ctx)->nfds;
	struct opened_file_table *own = pt ? NULL : private_table();
	int ready = 0;

	for (unsigned i = 0; i < nfds; i++) {
		unsigned always = POLLERR | POLLHUP | POLLNVAL;
		struct file *f;

		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		f = round_get(own, pfd[i].fd);
		if (!f) {
			pfd[i].revents = POLLNVAL;
		} else {
			unsigned ev = (unsigned)(uint16_t)pfd[i].events | POLLERR | POLLHUP;

			if (pt) {
				pt->file = f;
				pt->key = ev;
			}
			pfd[i].revents =
				(short)(vfs_poll(f->inode, ev, f->flags, ready ? NULL : pt) &
					(ev | always));
			round_put(own, f);
		}
		if (pfd[i].revents)
			ready++;
	}
	return ready;
}

/* Wait until a round finds a descriptor ready: the count, 0 at the
 * deadline (time_ns() to stop at; 0: do not wait; NO_DEADLINE: forever),
 * -ERESTARTNOHAND, or the first round's error.  The first round registers
 * the poll table on every file's queues; the thread then sleeps until one
 * of them is woken, and asks again. */
static long poll_sleep(round_fn round, void *ctx, uint64_t deadline)
{
	struct poll_wqueues pw;
	struct poll_table *pt = NULL;
	bool first = true;
	long ret;

	poll_wqueues_init(&pw);
	if (deadline)
		pt = &pw.pt;
	for (;;) {
		long r;

		ret = round(ctx, pt, first);
		pt = NULL;
		first = false;
		if (ret || !deadline) /* ready, an error, or no waiting */
			break;
		if (pw.error) {
			ret = pw.error;
			break;
		}
		if (signal_pending()) {
			ret = -ERESTARTNOHAND;
			break;
		}
		r = poll_wqueues_sleep(&pw, deadline == NO_DEADLINE ? 0 : deadline);
		if (r == -ERESTARTSYS) {
			ret = -ERESTARTNOHAND;
			break;
		}
		if (r == -ETIMEDOUT)
			deadline = 0; /* one last round, as Linux */
	}
	poll_wqueues_free(&pw);
	return ret;
}

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
	ret = poll_sleep(poll_round, &(struct poll_set){pfd, (unsigned)nfds}, deadline);
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

/* A user timeout (struct timespec) as a poll_sleep() deadline. */
static long timespec_deadline(uint64_t uts, uint64_t *deadline)
{
	int64_t ns;
	long err = get_user_timespec_ns(uts, &ns);

	if (!err)
		*deadline = ns ? time_ns() + (uint64_t)ns : 0;
	return err;
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize) */
long sys_ppoll(const struct syscall_args *a)
{
	uint64_t deadline = NO_DEADLINE;

	long err = a->arg[2] ? timespec_deadline(a->arg[2], &deadline) : 0;

	if (!err && a->arg[3])
		err = signal_set_wait_mask(a->arg[3], a->arg[4]);
	return err ? err : signal_end_wait_mask(do_poll(a->arg[0], a->arg[1], deadline));
}

/* ---- select and pselect6, on the same rounds ---- */

#define SEL_IN	(POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SEL_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SEL_EX	POLLPRI

#define SEL_WORDS (FD_MAX / 64) /* a set's words on the stack; more are allocated */

struct select_set {
	const uint64_t *want; /* in, out, ex: `words` each */
	uint64_t *got;	      /* the same, rewritten by each round */
	size_t words;
};

/* select's round, over the set bits: a closed descriptor is EBADF on the
 * first round (later rounds skip it, as Linux). */
static long select_round(void *ctx, struct poll_table *pt, bool first)
{
	struct select_set *s = ctx;
	struct opened_file_table *own = pt ? NULL : private_table();
	size_t words = s->words;
	long ready = 0;

	memset(s->got, 0, 3 * words * sizeof(uint64_t));
	for (size_t w = 0; w < words; w++) {
		uint64_t in = s->want[w], out = s->want[words + w], ex = s->want[2 * words + w];

		for (uint64_t any = in | out | ex; any; any &= any - 1) {
			int b = __builtin_ctzll(any);
			uint64_t bit = 1ull << b;
			unsigned ev = (in & bit ? SEL_IN : 0) | (out & bit ? SEL_OUT : 0) |
				      (ex & bit ? SEL_EX : 0);
			struct file *f = round_get(own, (int)(w * 64) + b);
			unsigned mask;

			if (!f) {
				if (first)
					return -EBADF;
				continue;
			}
			if (pt) {
				pt->file = f;
				pt->key = ev | POLLERR | POLLHUP;
			}
			mask = vfs_poll(f->inode, ev | POLLERR | POLLHUP, f->flags,
					ready ? NULL : pt);
			round_put(own, f);
			if ((in & bit) && (mask & SEL_IN)) {
				s->got[w] |= bit;
				ready++;
			}
			if ((out & bit) && (mask & SEL_OUT)) {
				s->got[words + w] |= bit;
				ready++;
			}
			if ((ex & bit) && (mask & SEL_EX)) {
				s->got[2 * words + w] |= bit;
				ready++;
			}
		}
	}
	return ready;
}

/* select(n, in, out, ex, ...): `deadline` as poll_sleep(); the ready count
 * with the sets rewritten, or -EBADF (a set names a closed fd), -EINVAL,
 * -EFAULT, -ERESTARTNOHAND. */
static long do_select(int n, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t deadline)
{
	uint64_t ubits[3] = {uin, uout, uex};
	uint64_t stack_want[3 * SEL_WORDS], stack_got[3 * SEL_WORDS], *want = stack_want,
								      *got = stack_got;
	size_t words, bytes;
	long ret;
	int cap;

	if (n < 0)
		return -EINVAL;
	/* as Linux, n is cut to the table's size: no fd is open above it */
	cap = READ_ONCE(fdt()->cap);
	if (n > cap)
		n = cap;
	words = ((size_t)n + 63) / 64;
	bytes = ((size_t)n + 7) / 8;
	if (words > SEL_WORDS) {
		want = kmalloc(6 * words * sizeof(uint64_t));
		if (!want)
			return -ENOMEM;
		got = want + 3 * words;
	}
	memset(want, 0, 3 * words * sizeof(uint64_t));
	ret = 0;
	for (int k = 0; k < 3 && !ret; k++) {
		if (ubits[k] && bytes && copy_from_user(want + k * words, uptr(ubits[k]), bytes))
			ret = -EFAULT;
		else if (n % 64) /* bits at n and above are ignored */
			want[k * words + words - 1] &= (1ull << (n % 64)) - 1;
	}
	if (!ret)
		ret = poll_sleep(select_round, &(struct select_set){want, got, words}, deadline);
	for (int k = 0; k < 3 && ret >= 0; k++) {
		if (ubits[k] && bytes && copy_to_user(uptr(ubits[k]), got + k * words, bytes))
			ret = -EFAULT;
	}
	if (want != stack_want)
		kfree(want);
	return ret;
}

/* The time left until `deadline`, as select reports it back. */
static uint64_t left_ns(uint64_t deadline)
{
	uint64_t now = time_ns();

	return deadline == NO_DEADLINE || deadline <= now ? 0 : deadline - now;
}

/* select(n, in, out, ex, timeval) */
long sys_select(const struct syscall_args *a)
{
	struct __kernel_old_timeval tv;
	uint64_t deadline = NO_DEADLINE;
	long ret;

	if (a->arg[4]) {
		if (copy_from_user(&tv, uptr(a->arg[4]), sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		/* Linux carries whole seconds out of tv_usec */
		deadline = ((uint64_t)tv.tv_sec + (uint64_t)tv.tv_usec / 1000000) * 1000000000ull +
			   (uint64_t)(tv.tv_usec % 1000000) * 1000ull;
		deadline = deadline ? time_ns() + deadline : 0;
	}
	ret = do_select((int)a->arg[0], a->arg[1], a->arg[2], a->arg[3], deadline);
	if (a->arg[4] && deadline && ret != -EFAULT) {
		uint64_t left = left_ns(deadline);

		tv.tv_sec = (long)(left / 1000000000ull);
		tv.tv_usec = (long)(left % 1000000000ull / 1000);
		if (copy_to_user(uptr(a->arg[4]), &tv, sizeof(tv))) {
			/* unwritable: the result stands, as on Linux */
		}
	}
	return ret;
}

/* pselect6(n, in, out, ex, timespec, {sigmask, sigsetsize}) */
long sys_pselect6(const struct syscall_args *a)
{
	struct __kernel_timespec ts;
	uint64_t deadline = NO_DEADLINE;
	long ret = a->arg[4] ? timespec_deadline(a->arg[4], &deadline) : 0;

	if (!ret && a->arg[5]) {
		struct {
			uint64_t mask_ptr, size;
		} sm;

		ret = copy_from_user(&sm, uptr(a->arg[5]), sizeof(sm)) ? -EFAULT : 0;
		if (!ret && sm.mask_ptr)
			ret = signal_set_wait_mask(sm.mask_ptr, sm.size);
	}
	if (ret)
		return ret;
	ret = signal_end_wait_mask(
		do_select((int)a->arg[0], a->arg[1], a->arg[2], a->arg[3], deadline));
	if (a->arg[4] && deadline && ret != -EFAULT) {
		uint64_t left = left_ns(deadline);

		ts.tv_sec = (long long)(left / 1000000000ull);
		ts.tv_nsec = (long long)(left % 1000000000ull);
		if (copy_to_user(uptr(a->arg[4]), &ts, sizeof(ts))) {
			/* unwritable: the result stands, as on Linux */
		}
	}
	return ret;
}
