/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Who may look inside another process through /proc/<pid>: Linux asks
 * ptrace_may_access(PTRACE_MODE_READ_FSCREDS) before it follows or reads
 * the cwd, root, exe and fd/N links and before it opens environ.  The
 * caller passes when it is the process itself, when it holds
 * CAP_SYS_PTRACE, or when its fsuid is each of the target's real,
 * effective and saved uids, its fsgid each of the three gids, and the
 * target is dumpable.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <kernel/cred.h>
#include <kernel/perm.h>
#include <kernel/process.h>
#include "procfs.h"

int proc_may_inspect(int pid)
{
	const struct process *me = current_process();
	const struct cred *c = current_cred(), *pc;
	irqflags_t f;
	struct process *p;
	int err = 0;

	if (!me || me->pid == pid || capable(CAP_SYS_PTRACE))
		return 0;
	f = process_lock_tree();
	p = process_find_any(pid);
	if (!p)
		err = -ENOENT;
	else if (pc = p->cred, !p->attrs.dumpable || c->fsuid != pc->uid || c->fsuid != pc->euid ||
				       c->fsuid != pc->suid || c->fsgid != pc->gid ||
				       c->fsgid != pc->egid || c->fsgid != pc->sgid)
		err = -EACCES;
	process_unlock_tree(f);
	return err;
}

int proc_may_open_environ(struct inode *ino, int pid, unsigned flags)
{
	unsigned acc = flags & O_ACCMODE;
	int may = (acc == O_RDONLY ? MAY_READ : 0) | (acc != O_RDONLY ? MAY_WRITE : 0) |
		  (acc == O_RDWR ? MAY_READ : 0);
	int err;

	if (!current_process() || (flags & O_PATH))
		return 0; /* the kernel itself; a path-only descriptor reads nothing */
	/* its mode (0400, the owner's) first, then the process's consent */
	err = inode_permission(ino, may);
	return err ? err : proc_may_inspect(pid);
}
