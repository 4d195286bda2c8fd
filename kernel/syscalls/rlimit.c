/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * getrlimit, setrlimit and prlimit64 with Linux's rules: a soft limit above
 * the hard one is EINVAL; raising a hard limit needs CAP_SYS_RESOURCE;
 * RLIMIT_NOFILE's hard limit stops at fs.nr_open; another process's limits
 * are read or set only by a caller whose real uid and gid equal the
 * target's real, effective and saved ids, or who holds CAP_SYS_RESOURCE.
 * Where each limit is enforced: kernel/rlimit.h.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/resource.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include "sys.h"

/* May the caller read and set the limits of `t`?  (proctree lock held) */
static bool may_prlimit(const struct process *t)
{
	const struct cred *c = current_cred(), *tc = t->cred;

	if (t == current_process())
		return true;
	if (c->uid == tc->uid && c->uid == tc->euid && c->uid == tc->suid && c->gid == tc->gid &&
	    c->gid == tc->egid && c->gid == tc->sgid)
		return true;
	return capable(CAP_SYS_RESOURCE);
}

/*
 * Read process `pid`'s (0: the caller's) limit `res` into *ol and, given
 * `nl` (already checked against itself), replace it, under the process
 * tree lock that keeps the target alive.  0, -ESRCH, -EPERM (no permission
 * over the target, or a hard limit raised without CAP_SYS_RESOURCE) or
 * -EINVAL (no such resource).
 */
static long do_prlimit(int pid, unsigned res, const struct rlimit64 *nl, struct rlimit64 *ol)
{
	irqflags_t f = process_lock_tree();
	struct process *p = pid ? process_find(pid) : current_process();
	long err = -ESRCH;

	if (!p)
		goto out;
	err = -EPERM;
	if (!may_prlimit(p))
		goto out;
	err = -EINVAL;
	if (res >= RLIM_NLIMITS)
		goto out;
	if (nl && nl->rlim_cur > nl->rlim_max)
		goto out;
	err = -EPERM;
	if (nl && res == RLIMIT_NOFILE && nl->rlim_max > RLIMIT_NR_OPEN)
		goto out;
	if (nl && nl->rlim_max > p->rlim[res].rlim_max && !capable(CAP_SYS_RESOURCE))
		goto out;
	err = 0;
	*ol = p->rlim[res];
	if (nl) {
		p->rlim[res] = *nl;
		/* the leader's table, and the caller's own if it has one */
		if (res == RLIMIT_NOFILE && p->files)
			p->files->max_fds = (int)MIN(nl->rlim_cur, (uint64_t)RLIMIT_NR_OPEN);
		if (res == RLIMIT_NOFILE && p == current_process() && current_thread()->files)
			current_thread()->files->max_fds =
				(int)MIN(nl->rlim_cur, (uint64_t)RLIMIT_NR_OPEN);
	}
out:
	process_unlock_tree(f);
	return err;
}

/* prlimit64(pid, resource, new, old): the old limit is stored after the
 * new one took effect, so an unwritable `old` is EFAULT with the change
 * made, as on Linux. */
long sys_prlimit64(const struct syscall_args *a)
{
	int pid = (int)a->arg[0];
	struct rlimit64 nl, ol;
	long err;

	if (a->arg[2] && copy_from_user(&nl, uptr(a->arg[2]), sizeof(nl)))
		return -EFAULT;
	if (pid < 0)
		return -ESRCH;
	err = do_prlimit(pid, (unsigned)a->arg[1], a->arg[2] ? &nl : NULL, &ol);
	if (err)
		return err;
	if (a->arg[3] && copy_to_user(uptr(a->arg[3]), &ol, sizeof(ol)))
		return -EFAULT;
	return 0;
}

long sys_getrlimit(const struct syscall_args *a)
{
	struct rlimit64 ol;
	long err = do_prlimit(0, (unsigned)a->arg[0], NULL, &ol);

	if (err)
		return err;
	return copy_to_user(uptr(a->arg[1]), &ol, sizeof(ol)) ? -EFAULT : 0;
}

long sys_setrlimit(const struct syscall_args *a)
{
	struct rlimit64 nl, ol;

	if (copy_from_user(&nl, uptr(a->arg[1]), sizeof(nl)))
		return -EFAULT;
	return do_prlimit(0, (unsigned)a->arg[0], &nl, &ol);
}
