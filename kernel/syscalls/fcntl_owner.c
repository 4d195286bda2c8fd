/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * fcntl's owner and signal commands: F_GETOWN/F_SETOWN,
 * F_GETOWN_EX/F_SETOWN_EX, F_GETSIG/F_SETSIG, and F_GETLEASE.  The owner
 * and signal are stored on the open file description and reported back as
 * Linux does; nothing delivers SIGIO yet.  No lease is ever granted, so
 * F_GETLEASE answers F_UNLCK.
 */
#include <klib/errno.h>
#include <linux/fcntl.h>
#include <platform/usercopy.h>
#include <kernel/file.h>
#include <kernel/process.h>
#include <kernel/signal.h>
#include "sys.h"

/* Does a process, thread or group `id` exist (Linux looks the number up
 * as a pid of any kind)? */
static bool id_exists(int id)
{
	struct process *p;
	bool found = false;
	irqflags_t f = process_lock_tree();

	for_each_process(p)
	{
		if (p->pid == id || p->pgid == id) {
			found = true;
			break;
		}
	}
	process_unlock_tree(f);
	return found;
}

static long set_owner(struct file *f, int type, int id)
{
	if (id && !id_exists(id))
		return -ESRCH;
	mutex_lock(&f->pos_lock);
	f->owner_type = type;
	f->owner_id = id;
	mutex_unlock(&f->pos_lock);
	return 0;
}

static long setown_ex(struct file *f, void __user *arg)
{
	struct f_owner_ex o;

	if (copy_from_user(&o, arg, sizeof(o)))
		return -EFAULT;
	if (o.type != F_OWNER_TID && o.type != F_OWNER_PID && o.type != F_OWNER_PGRP)
		return -EINVAL;
	return set_owner(f, o.type, o.pid);
}

static long getown_ex(struct file *f, void __user *arg)
{
	struct f_owner_ex o = {0};

	mutex_lock(&f->pos_lock);
	o.type = f->owner_type;
	o.pid = f->owner_id;
	mutex_unlock(&f->pos_lock);
	return copy_to_user(arg, &o, sizeof(o)) ? -EFAULT : 0;
}

long fcntl_owner(struct file *f, int cmd, uint64_t arg)
{
	int id = (int)arg;

	if (f->flags & O_PATH)
		return -EBADF;
	switch (cmd) {
	case F_GETOWN:
		return f->owner_type == F_OWNER_PGRP ? -f->owner_id : f->owner_id;
	case F_SETOWN:
		if (id == INT32_MIN)
			return -EINVAL;
		return id < 0 ? set_owner(f, F_OWNER_PGRP, -id) : set_owner(f, F_OWNER_PID, id);
	case F_GETOWN_EX:
		return getown_ex(f, uptr(arg));
	case F_SETOWN_EX:
		return setown_ex(f, uptr(arg));
	case F_GETSIG:
		return f->sig;
	case F_SETSIG:
		if (arg > NSIG_K)
			return -EINVAL;
		f->sig = (int)arg;
		return 0;
	case F_GETLEASE:
		return F_UNLCK;
	default:
		return -EINVAL;
	}
}
