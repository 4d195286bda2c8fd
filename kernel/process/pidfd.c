/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * pidfds: pidfd_open(2), pidfd_send_signal(2), pidfd_getfd(2), and the
 * pidfds clone(CLONE_PIDFD) and waitid(P_PIDFD) use.  A pidfd is an
 * anonymous FileLike holding a reference to a process (struct process
 * outlives its pid: a reaped process is off the tree, which is how a
 * pidfd tells "reaped" from "zombie" without trusting a pid that may
 * have been reused).  poll gives POLLIN once the process has exited, and
 * POLLIN | POLLHUP once it has been reaped; read and write are EINVAL.
 * Errors are Linux's: a descriptor that is no pidfd is EBADF, a process
 * that is gone ESRCH, a zombie still takes signals (they go nowhere) but
 * has no descriptors to give (ESRCH).
 *
 * Exits wake one kernel-wide queue (pidfd_notify, only while a pidfd
 * exists): a process's own queue would go with it while pollers may
 * still hold its pidfd.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <asm-generic/siginfo.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/pidfd.h>
#include <linux/poll.h>
#include <linux/stat.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/anon.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/pidfd.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/waitqueue.h>

/* Linux 6.9's flags (not in Debian 12's UAPI headers) */
#define PIDFD_THREAD_K		   O_EXCL
#define PIDFD_SIGNAL_THREAD	   (1u << 0)
#define PIDFD_SIGNAL_THREAD_GROUP  (1u << 1)
#define PIDFD_SIGNAL_PROCESS_GROUP (1u << 2)
#define SIGINFO_KERNEL_BYTES	   48 /* what Linux reads of a siginfo */

static struct waitqueue pidfd_wq = WAITQUEUE_INIT(pidfd_wq);
static int pidfd_live; /* atomic: pidfds in existence */

void pidfd_notify(void)
{
	if (__atomic_load_n(&pidfd_live, __ATOMIC_ACQUIRE))
		poll_wake(&pidfd_wq, POLLIN | POLLRDNORM);
}

/* Reaped: off the tree (proctree lock held). */
static bool reaped_locked(struct process *p)
{
	return process_find(p->pid) != p;
}

static unsigned pidfd_poll(struct inode *ino, unsigned events, unsigned flags,
			   struct poll_table *pt)
{
	struct process *p = ino->priv;
	unsigned mask = 0;
	irqflags_t f;

	(void)flags;
	poll_wait(pt, &pidfd_wq);
	f = process_lock_tree();
	if (reaped_locked(p))
		mask = POLLIN | POLLRDNORM | POLLHUP;
	else if (p->state != PROC_ALIVE)
		mask = POLLIN | POLLRDNORM;
	process_unlock_tree(f);
	return mask & (events | POLLHUP);
}

/* Linux 6.9 moved pidfds to pidfs, whose inodes have mode 0700 */
static int pidfd_stat(struct inode *ino, struct vfs_stat *st)
{
	int err = anon_stat(ino, st);

	st->mode = S_IRWXU;
	return err;
}

/* fdinfo: the pid (one namespace: NSpid repeats it), -1 once reaped */
static int pidfd_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	struct process *p = ino->priv;
	irqflags_t f;
	int nr;

	f = process_lock_tree();
	nr = reaped_locked(p) ? -1 : p->pid;
	process_unlock_tree(f);
	return snprintf(buf, size, "Pid:\t%d\nNSpid:\t%d\n", nr, nr);
}

/* pidfs numbers an inode per process: pidfds of one share it */
static uint64_t pidfd_ino(const void *obj)
{
	const struct process *p = obj;

	return 1ull << 32 | (uint32_t)p->pid;
}

static void pidfd_free(void *obj)
{
	process_put(obj);
	__atomic_sub_fetch(&pidfd_live, 1, __ATOMIC_RELEASE);
}

static const struct anon_kind pidfd_kind = {
	.name = "[pidfd]",
	.ops =
		{
			.open = anon_open,
			.poll = pidfd_poll,
			.stat = pidfd_stat,
			.show_fdinfo = pidfd_show_fdinfo,
		},
	.free = pidfd_free,
	.ino = pidfd_ino,
};

/* A pidfd of `p` (whose reference it takes over) installed close-on-exec,
 * as Linux always makes them: the fd or -errno. */
static long pidfd_install(struct process *p, unsigned flags)
{
	struct file *f;

	__atomic_add_fetch(&pidfd_live, 1, __ATOMIC_ACQ_REL);
	f = anon_file_new(&pidfd_kind, p, O_RDWR | (flags & O_NONBLOCK));
	if (!f) {
		pidfd_free(p);
		return -ENOMEM;
	}
	return anon_fd_install(f, true);
}

struct process *pidfd_process(int fd, unsigned *flags, long *err)
{
	struct opened_file_table *t = current_thread()->files;
	struct file *f = t ? fdtable_get(t, fd) : NULL;
	struct process *p = anon_file_obj(f, &pidfd_kind);

	*err = -EBADF;
	if (p) {
		process_get(p);
		*flags = f->flags;
	}
	if (f)
		file_put(f);
	return p;
}

long pidfd_of_child(int pid)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find(pid);

	if (p)
		process_get(p);
	process_unlock_tree(f);
	return p ? pidfd_install(p, 0) : -ESRCH;
}

long sys_pidfd_open(const struct syscall_args *a)
{
	int pid = (int)a->arg[0];
	unsigned flags = (unsigned)a->arg[1];
	struct process *p;
	irqflags_t f;
	long err = 0;

	if (flags & ~(PIDFD_NONBLOCK | PIDFD_THREAD_K))
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;
	f = process_lock_tree();
	p = process_find(pid);
	if (p)
		process_get(p);
	else /* a thread that leads no process: Linux's "no such thread group" */
		err = process_find_any(pid) ? -ENOENT : -ESRCH;
	process_unlock_tree(f);
	return p ? pidfd_install(p, flags) : err;
}

/* The caller's siginfo for `sig` (Linux reads its first 48 bytes). */
static long get_info(uint64_t uaddr, int sig, struct ksiginfo *k)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (copy_from_user(&si, uptr(uaddr), SIGINFO_KERNEL_BYTES))
		return -EFAULT;
	if (si.si_signo != sig)
		return -EINVAL;
	*k = (struct ksiginfo){.signo = sig, .code = si.si_code, .errno_ = si.si_errno};
	memcpy(&k->value, &si.si_value, sizeof(k->value));
	k->pid = si.si_pid;
	k->uid = si.si_uid;
	return 0;
}

/* PIDFD_SIGNAL_PROCESS_GROUP: every live process of group `pgid`, as
 * kill(-pgid) (proctree lock held): 0 if any took it, else the last
 * error. */
static long signal_group_locked(int pgid, int sig, const struct ksiginfo *k)
{
	long err = -ESRCH, e;
	bool any = false;
	struct process *q;

	for_each_process(q)
	{
		if (q->pgid != pgid)
			continue;
		e = signal_may_kill(q, sig);
		if (!e && sig && q->state == PROC_ALIVE)
			e = signal_send_user(q, sig, k);
		any |= !e;
		err = e;
	}
	return any ? 0 : err;
}

/* pidfd_send_signal's target: a pidfd's process, or (Linux's older way)
 * the process of an open /proc/<pid> directory; with a reference. */
static struct process *signal_target(int fd, long *err)
{
	struct opened_file_table *t = current_thread()->files;
	struct file *f = t ? fdtable_get(t, fd) : NULL;
	struct process *p = anon_file_obj(f, &pidfd_kind);
	int pid = !p && f ? procfs_pid_of_dir(f->inode) : 0;
	irqflags_t fl;

	*err = -EBADF;
	if (p)
		process_get(p);
	if (f)
		file_put(f);
	if (!pid)
		return p;
	fl = process_lock_tree();
	p = process_find(pid);
	if (p)
		process_get(p);
	process_unlock_tree(fl);
	*err = -ESRCH;
	return p;
}

long sys_pidfd_send_signal(const struct syscall_args *a)
{
	int sig = (int)a->arg[1];
	unsigned flags = (unsigned)a->arg[3];
	struct process *self = current_process(), *p;
	struct ksiginfo k;
	irqflags_t f;
	long err;

	if (flags & ~(PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP | PIDFD_SIGNAL_PROCESS_GROUP))
		return -EINVAL;
	if (flags & (flags - 1)) /* more than one */
		return -EINVAL;
	p = signal_target((int)a->arg[0], &err);
	if (!p)
		return err;
	if (a->arg[2]) {
		err = get_info(a->arg[2], sig, &k);
		if (err)
			goto out;
		/* only to itself may a process forge kill()'s or the kernel's */
		err = -EPERM;
		if ((p != self || (flags & PIDFD_SIGNAL_THREAD)) &&
		    (k.code >= 0 || k.code == SI_TKILL))
			goto out;
	} else {
		k = (struct ksiginfo){.signo = sig,
				      .code = SI_USER,
				      .pid = self->pid,
				      .uid = current_cred()->uid};
	}
	if (sig < 0 || sig > NSIG_K) {
		err = -EINVAL;
		goto out;
	}
	f = process_lock_tree();
	if (reaped_locked(p)) {
		err = -ESRCH;
	} else if (flags & PIDFD_SIGNAL_PROCESS_GROUP) {
		err = signal_group_locked(p->pgid, sig, &k);
	} else {
		err = signal_may_kill(p, sig);
		if (!err && sig && p->state == PROC_ALIVE)
			err = flags & PIDFD_SIGNAL_THREAD ? signal_send_tid(p, p->pid, sig, &k)
							  : signal_send_user(p, sig, &k);
	}
	process_unlock_tree(f);
out:
	process_put(p);
	return err;
}

/* Linux's ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS) without a
 * security module: itself, CAP_SYS_PTRACE, or a dumpable process whose
 * three uids and three gids are the caller's real ones (proctree lock). */
static bool may_attach(const struct process *p)
{
	const struct cred *c = current_cred(), *pc = p->cred;

	if (p == current_process() || capable(CAP_SYS_PTRACE))
		return true;
	return p->attrs.dumpable && c->uid == pc->uid && c->uid == pc->euid && c->uid == pc->suid &&
	       c->gid == pc->gid && c->gid == pc->egid && c->gid == pc->sgid;
}

long sys_pidfd_getfd(const struct syscall_args *a)
{
	int target = (int)a->arg[1];
	struct opened_file_table *t = NULL;
	struct process *p;
	struct file *file;
	unsigned fflags;
	irqflags_t f;
	long err;

	if (a->arg[2])
		return -EINVAL;
	p = pidfd_process((int)a->arg[0], &fflags, &err);
	if (!p)
		return err;
	f = process_lock_tree();
	if (reaped_locked(p) || p->state != PROC_ALIVE || !p->files)
		err = -ESRCH;
	else if (!may_attach(p))
		err = -EPERM;
	else
		t = fdtable_ref(p->files);
	process_unlock_tree(f);
	process_put(p);
	if (!t)
		return err;
	file = fdtable_get(t, target);
	fdtable_put(t);
	if (!file)
		return -EBADF;
	return anon_fd_install(file, true);
}
