/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * pipe(2) and pipe2(2).  Flags as Linux: O_CLOEXEC (both descriptors),
 * O_NONBLOCK (both ends), O_DIRECT (packet mode on the write end);
 * O_NOTIFICATION_PIPE gives ENOPKG, as on a Linux built without
 * CONFIG_WATCH_QUEUE; anything else EINVAL.  A bad array pointer gives
 * EFAULT and leaves no descriptor behind.  fcntl's F_GETPIPE_SZ and
 * F_SETPIPE_SZ land here too.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/watch_queue.h> /* O_NOTIFICATION_PIPE */
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/pipe.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include "sys.h"

#define PIPE2_FLAGS (O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE)

/* Take back a descriptor this call installed, unless another thread of the
 * process has already closed it and reused the number. */
static void uninstall(struct opened_file_table *t, int fd, struct file *f)
{
	struct file *cur = fdtable_get(t, fd);

	if (cur == f)
		(void)fdtable_close(t, fd);
	file_put(cur);
}

static long do_pipe2(int __user *ufds, unsigned flags)
{
	struct opened_file_table *t = current_thread()->files;
	bool cloexec = flags & O_CLOEXEC;
	struct file *r, *w;
	int fds[2];
	long err;

	if (flags & ~PIPE2_FLAGS)
		return -EINVAL;
	if (flags & O_NOTIFICATION_PIPE)
		return -ENOPKG;
	if (!t)
		return -EMFILE;
	err = pipe_create(flags, &r, &w);
	if (err)
		return err;
	fds[0] = fdtable_install(t, r, 0, cloexec);
	if (fds[0] < 0) {
		err = fds[0];
		goto out_put;
	}
	fds[1] = fdtable_install(t, w, 0, cloexec);
	if (fds[1] < 0) {
		err = fds[1];
		goto out_uninstall_rd;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		err = -EFAULT;
		uninstall(t, fds[1], w);
		goto out_uninstall_rd;
	}
	err = 0;
	goto out_put;

out_uninstall_rd:
	uninstall(t, fds[0], r);
out_put:
	file_put(w);
	file_put(r);
	return err;
}

long sys_pipe(const struct syscall_args *a)
{
	return do_pipe2(uptr(a->arg[0]), 0);
}

long sys_pipe2(const struct syscall_args *a)
{
	return do_pipe2(uptr(a->arg[0]), (unsigned)a->arg[1]);
}

long fcntl_pipe_size(struct file *f, int cmd, unsigned arg)
{
	if (!pipe_is(f->inode))
		return -EBADF;
	if (cmd == F_GETPIPE_SZ)
		return pipe_get_size(f->inode);
	/* CAP_SYS_RESOURCE may pass pipe-max-size */
	return pipe_set_size(f->inode, arg, capable(CAP_SYS_RESOURCE));
}
