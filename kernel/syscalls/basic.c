/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The first system calls: enough for a thread in user mode to talk to the
 * console, learn its id, yield and exit.  Processes, file descriptors and
 * the VFS replace the console shortcut in sys_write with the next
 * milestone; the others keep their contract.
 */
#include <klib/errno.h>
#include <platform/console.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/process.h>
#include <kernel/sched.h>

long sys_getpid(const struct syscall_args *a)
{
	struct process *p = current_process();

	return p ? p->pid : current_thread()->tid;
}

long sys_getppid(const struct syscall_args *a)
{
	struct process *p = current_process();

	return p && p->parent ? p->parent->pid : 0;
}

long sys_gettid(const struct syscall_args *a)
{
	return current_thread()->tid;
}

long sys_sched_yield(const struct syscall_args *a)
{
	sched_yield_cpu();
	return 0;
}

long sys_exit(const struct syscall_args *a)
{
	process_exit(((int)a->arg[0] & 0xff) << 8);
}

/* Single-threaded processes only so far: the same as exit. */
long sys_exit_group(const struct syscall_args *a)
{
	process_exit(((int)a->arg[0] & 0xff) << 8);
}

/* write(fd, buf, count): fds 1 and 2 go to the console. */
long sys_write(const struct syscall_args *a)
{
	const char __user *buf = uptr(a->arg[1]);
	size_t count = a->arg[2], done = 0;
	char chunk[256];

	if (a->arg[0] != 1 && a->arg[0] != 2)
		return -EBADF;
	if ((ssize_t)count < 0)
		return -EINVAL;
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));

		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}
