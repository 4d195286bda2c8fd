/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fstat of pidfds: one inode per process (two pidfds of it share it), not the shared anon inode. */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/eventfd.h>

int main(void)
{
	struct stat a, b, c, e;
	pid_t child = fork();

	if (child == 0) {
		pause();
		_exit(0);
	}
	SHOW(fstat((int)syscall(SYS_pidfd_open, getpid(), 0), &a));
	SHOW(fstat((int)syscall(SYS_pidfd_open, getpid(), 0), &b));
	SHOW(fstat((int)syscall(SYS_pidfd_open, child, 0), &c));
	SHOW(fstat(eventfd(0, 0), &e));
	FACT("two pidfds of one process: same inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	FACT("another process's: another inode", a.st_ino != c.st_ino && a.st_dev == c.st_dev);
	FACT("an eventfd's: another inode", a.st_ino != e.st_ino);
	printf("mode %o nlink %lu\n", a.st_mode, (unsigned long)a.st_nlink);
	kill(child, SIGKILL);
	abi_wait_child("child", child);
	return 0;
}
