/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_send_signal: to a child, with and without siginfo, flags, a zombie, a reaped process. */
/* abi: glibc */
#include "abi.h"
#include <sys/syscall.h>

int main(void)
{
	siginfo_t si;
	int self = syscall(SYS_pidfd_open, getpid(), 0), fd;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	SHOW(fd = syscall(SYS_pidfd_open, pid, 0));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 8));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 3));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 99, NULL, 0));
	SHOW(syscall(SYS_pidfd_send_signal, fd, -1, NULL, 0));
	SHOW(syscall(SYS_pidfd_send_signal, 0, SIGTERM, NULL, 0));
	SHOW(syscall(SYS_pidfd_send_signal, 99, SIGTERM, NULL, 0));
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, ABI_BADPTR, 0));
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, &si, 0)); /* signo differs */
	si.si_code = SI_USER;
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGUSR1, &si, 0)); /* forging kill() */
	si.si_signo = SIGURG;
	SHOW(syscall(SYS_pidfd_send_signal, self, SIGURG, &si, 0)); /* allowed for itself */
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	usleep(100000);
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0)); /* a zombie */
	abi_wait_child("child", pid);
	SHOW(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	SHOW(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0));
	return 0;
}
