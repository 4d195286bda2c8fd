/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * ioprio_get/ioprio_set: the I/O scheduling class and level of a process,
 * a process group or a user's processes, with Linux's checks.  The value
 * is stored (inherited by fork) and reported back; no I/O is scheduled by
 * it yet.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/ioprio.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/process.h>

#define IOPRIO_LEVEL(v) ((v)&0x7)

/* Does `p` match (which, who)?  who 0 was resolved. */
static bool ioprio_match(const struct process *p, int which, int who)
{
	if (p->state != PROC_ALIVE)
		return false;
	switch (which) {
	case IOPRIO_WHO_PROCESS:
		return p->pid == who;
	case IOPRIO_WHO_PGRP:
		return p->pgid == who;
	default:
		return (int)p->cred->uid == who; /* proctree lock */
	}
}

static int ioprio_who(int which, int who)
{
	struct process *self = current_process();

	if (who)
		return who;
	return which == IOPRIO_WHO_PROCESS ? self->pid
	       : which == IOPRIO_WHO_PGRP  ? self->pgid
					   : (int)current_cred()->uid;
}

/* Linux takes the value as 16 bits: a class of 1-3 with a level below 8
 * (the bits above the level are hints, taken as they are), or class NONE
 * with level 0. */
static bool ioprio_valid(unsigned v)
{
	switch (IOPRIO_PRIO_CLASS(v)) {
	case IOPRIO_CLASS_RT:
	case IOPRIO_CLASS_BE:
	case IOPRIO_CLASS_IDLE:
		return true;
	case IOPRIO_CLASS_NONE:
		return IOPRIO_LEVEL(v) == 0;
	default:
		return false;
	}
}

/* Several matches report the best (lowest) value, class NONE counting as
 * best-effort at the normal level. */
static unsigned ioprio_rank(unsigned v)
{
	return IOPRIO_PRIO_CLASS(v) == IOPRIO_CLASS_NONE
		       ? IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_NORM)
		       : v;
}

long sys_ioprio_get(const struct syscall_args *a)
{
	int which = (int)a->arg[0], who = (int)a->arg[1];
	long best = -ESRCH;
	struct process *p;
	irqflags_t f;

	if (which != IOPRIO_WHO_PROCESS && which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	if (!current_process())
		return -ESRCH;
	who = ioprio_who(which, who);
	f = process_lock_tree();
	for_each_process(p)
	{
		unsigned v = p->attrs.ioprio;

		if (!ioprio_match(p, which, who))
			continue;
		if (which == IOPRIO_WHO_PROCESS) {
			best = v;
			break;
		}
		if (best < 0 || ioprio_rank(v) < (unsigned long)best)
			best = ioprio_rank(v);
	}
	process_unlock_tree(f);
	return best;
}

/* Another user's process (by real uid) needs CAP_SYS_NICE, the real-time
 * class CAP_SYS_NICE or CAP_SYS_ADMIN; the first refusal ends the walk. */
long sys_ioprio_set(const struct syscall_args *a)
{
	int which = (int)a->arg[0], who = (int)a->arg[1];
	unsigned v = (unsigned)a->arg[2] & 0xffff;
	long r = -ESRCH;
	struct process *p;
	irqflags_t f;

	if (which != IOPRIO_WHO_PROCESS && which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	if (IOPRIO_PRIO_CLASS(v) == IOPRIO_CLASS_RT && !capable(CAP_SYS_NICE) &&
	    !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!ioprio_valid(v))
		return -EINVAL;
	if (!current_process())
		return -ESRCH;
	who = ioprio_who(which, who);
	f = process_lock_tree();
	for_each_process(p)
	{
		if (!ioprio_match(p, which, who))
			continue;
		if (p->cred->uid != current_cred()->euid && p->cred->uid != current_cred()->uid &&
		    !capable(CAP_SYS_NICE)) {
			r = -EPERM;
			break;
		}
		p->attrs.ioprio = (uint16_t)v;
		r = 0;
	}
	process_unlock_tree(f);
	return r;
}
