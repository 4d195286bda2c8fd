/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * unshare(flags): the calling thread stops sharing what clone shared,
 * with Linux's rules (kernel/fork.c's ksys_unshare):
 *   CLONE_FS     its own copy of the cwd, root and umask;
 *   CLONE_FILES  its own copy of the descriptor table;
 *   CLONE_SYSVSEM  no System V semaphore undo lists exist: nothing to do;
 *   CLONE_THREAD, CLONE_SIGHAND, CLONE_VM  nothing to do when not shared
 *                (one thread; no other process on the address space),
 *                else EINVAL, as Linux, which cannot split them;
 *   namespaces   none exist yet: EPERM without CAP_SYS_ADMIN (Linux asks
 *                for it before creating any), else EINVAL, what a Linux
 *                built without namespaces answers; CLONE_NEWUSER, which
 *                needs no capability, is EINVAL too.
 * Unknown flags: EINVAL.  Every check comes before the first change; the
 * copies can then only fail for memory (ENOMEM).
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/sched.h>

#define UNSHARE_NS                                                                 \
	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID | \
	 CLONE_NEWCGROUP | CLONE_NEWTIME)
#define UNSHARE_KNOWN                                                                       \
	(CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM | \
	 CLONE_NEWUSER | UNSHARE_NS)

/* Does another process run on the caller's address space (CLONE_VM
 * without CLONE_THREAD, vfork)? */
static bool vm_shared(const struct process *self)
{
	const struct process *p;
	bool shared = false;
	irqflags_t f = process_lock_tree();

	for_each_process(p)
	{
		if (p != self && p->state == PROC_ALIVE && p->vm == self->vm) {
			shared = true;
			break;
		}
	}
	process_unlock_tree(f);
	return shared;
}

/* The flags' checks, before anything changes: 0 or -errno. */
static int unshare_check(const struct process *self, uint64_t flags)
{
	if (flags & ~(uint64_t)UNSHARE_KNOWN)
		return -EINVAL;
	/* a thread cannot leave its group, nor one of several share less
	 * than its group's handlers and memory */
	if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) &&
	    __atomic_load_n(&self->live_threads, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	/* the handler table belongs to the process (kernel/signal.h): a
	 * single thread never shares it */
	if ((flags & CLONE_VM) && vm_shared(self))
		return -EINVAL;
	if (flags & CLONE_NEWUSER)
		return -EINVAL; /* no user namespaces (Linux without CONFIG_USER_NS) */
	if (flags & UNSHARE_NS)
		return capable(CAP_SYS_ADMIN) ? -EINVAL : -EPERM;
	return 0;
}

long sys_unshare(const struct syscall_args *a)
{
	struct process *self = current_process();
	uint64_t flags = a->arg[0];
	int err;

	if (!self)
		return -EINVAL;
	/* what Linux adds: the memory takes the handlers, the handlers the
	 * thread group, a mount namespace the fs context */
	if (flags & CLONE_VM)
		flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND)
		flags |= CLONE_THREAD;
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	err = unshare_check(self, flags);
	if (err)
		return err;
	if ((flags & CLONE_FS) && (err = process_unshare_fs()))
		return err;
	if (flags & CLONE_FILES)
		return process_unshare_files();
	return 0;
}
