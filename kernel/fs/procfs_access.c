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
#include <kernel/cred.h>
#include <kernel/process.h>
#include "procfs.h"

int proc_may_inspect(int pid)
{
	const struct process *me = current_process();
	irqflags_t f;
	struct process *p;
	int err = 0;

	if (!me || me->pid == pid || process_capable(me, CAP_SYS_PTRACE))
		return 0;
	f = process_lock_tree();
	p = process_find(pid);
	if (!p)
		err = -ENOENT;
	else if (!p->attrs.dumpable || me->fsuid != p->uid || me->fsuid != p->euid ||
		 me->fsuid != p->suid || me->fsgid != p->gid || me->fsgid != p->egid ||
		 me->fsgid != p->sgid)
		err = -EACCES;
	process_unlock_tree(f);
	return err;
}
