/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * signalfd(2) and signalfd4(2): a FileLike that reads the caller's pending
 * signals of a mask as struct signalfd_siginfo records, as Linux does.
 * A read takes the calling thread's pending signals of the mask first,
 * then its process's, lowest number first, whether blocked or not (a
 * signal that is not blocked is normally delivered before a read sees
 * it, which is why users block the mask).  It returns as many 128-byte
 * records as fit and are pending, waiting for the first unless the file
 * is O_NONBLOCK (EAGAIN); a buffer under 128 bytes is EINVAL.  poll gives
 * POLLIN while such a signal is pending for the polling thread.  Passing
 * an existing signalfd replaces its mask; SIGKILL and SIGSTOP are
 * silently left out.
 *
 * Wake-ups: signals become pending under locks a wait queue may not be
 * taken under (proctree, threads_lock, the leaf siglock), so the signal
 * code calls signalfd_notify(), which arms a ktimer due at once; its
 * callback, in IRQ context with no lock held, wakes the one queue every
 * signalfd reader and poller waits on.  Readiness depends on the waiting
 * thread, not the file, so one kernel-wide queue is the natural scope;
 * it also cannot go away under a poller (a per-process queue would
 * vanish with a process while another one's epoll still watched it).
 * With no signalfd alive the hook is one atomic load.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <asm-generic/siginfo.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/signalfd.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/anon.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/signalfd.h>
#include <kernel/syscall.h>
#include <kernel/timer.h>
#include <kernel/waitqueue.h>
#include <kernel/vfs.h>

#define SFD_FLAGS (O_CLOEXEC | O_NONBLOCK)

struct signalfd {
	uint64_t mask; /* atomic: the signals it reads */
};

static struct waitqueue sfd_wq = WAITQUEUE_INIT(sfd_wq);
static int sfd_live; /* atomic: signalfds in existence */

static void kick_expired(struct ktimer *kt)
{
	(void)kt;
	poll_wake(&sfd_wq, POLLIN | POLLRDNORM);
}

static struct ktimer sfd_kick = {.fn = kick_expired, .link = LIST_HEAD_INIT(sfd_kick.link)};

void signalfd_notify(void)
{
	if (__atomic_load_n(&sfd_live, __ATOMIC_ACQUIRE))
		ktimer_arm(&sfd_kick, 0); /* due now: runs on the next tick */
}

/* The mask's signals pending for the calling thread. */
static uint64_t pending_in(uint64_t mask)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;

	return (READ_ONCE(t->sig_pending) | READ_ONCE(p->sig_pending)) & mask;
}

static long readable(void *arg)
{
	return pending_in(__atomic_load_n(&((struct signalfd *)arg)->mask, __ATOMIC_ACQUIRE)) != 0;
}

static bool fault_sig(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* Linux's record of `k`: the fields of its siginfo layout. */
static void fill(struct signalfd_siginfo *s, const struct ksiginfo *k)
{
	bool specific = k->code > SI_USER && k->code < SI_KERNEL;

	memset(s, 0, sizeof(*s));
	s->ssi_signo = (uint32_t)k->signo;
	s->ssi_errno = k->errno_;
	s->ssi_code = k->code;
	if (k->code == SI_TIMER) {
		s->ssi_tid = (uint32_t)k->timerid;
		s->ssi_overrun = (uint32_t)k->overrun;
		s->ssi_ptr = k->value;
		s->ssi_int = (int32_t)k->value;
	} else if (specific && fault_sig(k->signo)) {
		s->ssi_addr = k->addr;
	} else {
		s->ssi_pid = (uint32_t)k->pid;
		s->ssi_uid = k->uid;
		if (specific && k->signo == SIGCHLD)
			s->ssi_status = k->status;
		if (k->code < 0) {
			s->ssi_ptr = k->value;
			s->ssi_int = (int32_t)k->value;
		}
	}
}

static ssize_t signalfd_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct signalfd *sfd = ino->priv;
	size_t n = b->len / sizeof(struct signalfd_siginfo), done = 0;
	struct signalfd_siginfo rec;
	struct ksiginfo info;
	long err;

	(void)off;
	if (!n)
		return -EINVAL;
	while (done < n) {
		uint64_t mask = __atomic_load_n(&sfd->mask, __ATOMIC_ACQUIRE);

		if (!signal_dequeue_set(mask, &info)) {
			if (done)
				break;
			if (flags & O_NONBLOCK)
				return -EAGAIN;
			err = wq_sleep_signalable_until(&sfd_wq, readable, sfd);
			if (err < 0)
				return err;
			continue;
		}
		fill(&rec, &info);
		if (vfs_iobuf_put(b, done * sizeof(rec), &rec, sizeof(rec)))
			return done ? (ssize_t)(done * sizeof(rec)) : -EFAULT;
		done++;
	}
	return (ssize_t)(done * sizeof(rec));
}

static unsigned signalfd_poll(struct inode *ino, unsigned events, unsigned flags,
			      struct poll_table *pt)
{
	(void)flags;
	poll_wait(pt, &sfd_wq);
	return readable(ino->priv) ? (POLLIN | POLLRDNORM) & events : 0;
}

/* fdinfo: the mask as a sigset, highest signal first (as status's SigBlk) */
static int signalfd_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	struct signalfd *sfd = ino->priv;

	return snprintf(buf, size, "sigmask:\t%016llx\n",
			(unsigned long long)__atomic_load_n(&sfd->mask, __ATOMIC_ACQUIRE));
}

static void signalfd_free(void *obj)
{
	kfree(obj);
	__atomic_sub_fetch(&sfd_live, 1, __ATOMIC_RELEASE);
}

static const struct anon_kind signalfd_kind = {
	.name = "[signalfd]",
	.ops =
		{
			.open = anon_open,
			.read = signalfd_read,
			.poll = signalfd_poll,
			.stat = anon_stat,
			.show_fdinfo = signalfd_show_fdinfo,
		},
	.free = signalfd_free,
};

static long do_signalfd4(int fd, const void __user *umask, size_t size, unsigned flags)
{
	struct signalfd *sfd;
	struct file *f;
	uint64_t mask;

	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	if (flags & ~SFD_FLAGS)
		return -EINVAL;
	mask &= ~SIG_UNBLOCKABLE;
	if (fd != -1) {
		f = current_thread()->files ? fdtable_get(current_thread()->files, fd) : NULL;
		if (!f)
			return -EBADF;
		sfd = anon_file_obj(f, &signalfd_kind);
		if (sfd)
			__atomic_store_n(&sfd->mask, mask, __ATOMIC_RELEASE);
		file_put(f);
		if (!sfd)
			return -EINVAL;
		poll_wake(&sfd_wq, 0); /* a waiting reader may now have something */
		return fd;
	}
	sfd = kzalloc(sizeof(*sfd));
	if (!sfd)
		return -ENOMEM;
	sfd->mask = mask;
	__atomic_add_fetch(&sfd_live, 1, __ATOMIC_ACQ_REL);
	f = anon_file_new(&signalfd_kind, sfd, O_RDWR | (flags & O_NONBLOCK));
	if (!f) {
		signalfd_free(sfd);
		return -ENOMEM;
	}
	return anon_fd_install(f, flags & O_CLOEXEC);
}

long sys_signalfd(const struct syscall_args *a)
{
	return do_signalfd4((int)a->arg[0], uptr(a->arg[1]), a->arg[2], 0);
}

long sys_signalfd4(const struct syscall_args *a)
{
	return do_signalfd4((int)a->arg[0], uptr(a->arg[1]), a->arg[2], (unsigned)a->arg[3]);
}
