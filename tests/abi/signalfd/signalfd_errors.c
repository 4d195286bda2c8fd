/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* signalfd errors: mask size, bad pointers, flags, descriptors that are no signalfd. */
/* abi: glibc */
#include "abi.h"
#include <sys/signalfd.h>

int main(void)
{
	struct signalfd_siginfo si;
	uint64_t mask = 1ull << (SIGUSR1 - 1);
	int fd;

	SHOW(syscall(SYS_signalfd4, -1, &mask, 4, 0));
	SHOW(syscall(SYS_signalfd4, -1, &mask, 16, 0));
	SHOW(syscall(SYS_signalfd4, -1, ABI_BADPTR, 8, 0));
	SHOW(syscall(SYS_signalfd4, -1, &mask, 8, 1));
	SHOW(syscall(SYS_signalfd4, -1, &mask, 8, O_RDWR));
	SHOW(syscall(SYS_signalfd4, 0, &mask, 8, 0)); /* /dev/null */
	SHOW(syscall(SYS_signalfd4, 99, &mask, 8, 0));
	SHOW(syscall(SYS_signalfd4, -2, &mask, 8, 0));
	SHOW(syscall(SYS_signalfd, 99, &mask, 8));
	SHOW(fd = syscall(SYS_signalfd4, -1, &mask, 8, SFD_NONBLOCK));
	SHOW(read(fd, &si, sizeof(si) - 1));
	SHOW(read(fd, &si, 0));
	SHOW(write(fd, &si, sizeof(si)));
	SHOW(read(fd, &si, sizeof(si)));
	raise(SIGUSR1 + 0 * sigprocmask(SIG_BLOCK, (sigset_t *)&mask, NULL));
	SHOW(read(fd, ABI_BADPTR, sizeof(si)));
	SHOW(read(fd, &si, sizeof(si))); /* the EFAULT read took it */
	return 0;
}
