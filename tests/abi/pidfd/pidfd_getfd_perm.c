/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_getfd needs ptrace rights: another uid without CAP_SYS_PTRACE gets EPERM. */
/* abi: glibc */
#include "abi.h"
#include <sys/syscall.h>

int main(void)
{
	int fd = syscall(SYS_pidfd_open, getpid(), 0);
	pid_t pid = fork();

	if (pid == 0) {
		if (setresuid(1000, 1000, 1000))
			_exit(9);
		SHOW(syscall(SYS_pidfd_getfd, fd, 0, 0));
		SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
		_exit(0);
	}
	abi_wait_child("child", pid);
	return 0;
}
