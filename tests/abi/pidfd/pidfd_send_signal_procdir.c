/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_send_signal also takes an open /proc/<pid> directory; other /proc fds are EBADF. */
/* abi: glibc */
#include "abi.h"
#include <sys/syscall.h>

int main(void)
{
	char path[64];
	int fd;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	SHOW(fd = open(path, O_RDONLY | O_DIRECTORY));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	abi_wait_child("child", pid);
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	SHOW(syscall(SYS_waitid, P_PIDFD, fd, NULL, WEXITED, NULL));
	SHOW(syscall(SYS_pidfd_getfd, fd, 0, 0));
	SHOW(close(fd));
	SHOW(fd = open("/proc", O_RDONLY | O_DIRECTORY));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	SHOW(fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	SHOW(fd = open("/proc/self/status", O_RDONLY));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	SHOW(fd = open("/proc/self", O_RDONLY | O_DIRECTORY));
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGURG, NULL, 0));
	return 0;
}
