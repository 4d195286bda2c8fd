/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* dup3: O_CLOEXEC sets FD_CLOEXEC; oldfd == newfd and unknown flags are EINVAL. */
#include "abi.h"

int main(void)
{
	int a = open("/dev/null", O_RDONLY);

	SHOW(dup3(a, 10, O_CLOEXEC));
	SHOW(fcntl(10, F_GETFD));
	SHOW(dup3(a, 11, 0));
	SHOW(fcntl(11, F_GETFD));
	/* raw syscalls: musl's dup3() ignores flags other than O_CLOEXEC */
	SHOW(syscall(SYS_dup3, a, a, 0));
	SHOW(syscall(SYS_dup3, a, a, O_CLOEXEC));
	SHOW(syscall(SYS_dup3, a, 12, O_NONBLOCK));
	SHOW(syscall(SYS_dup3, a, 12, 0x1));
	SHOW(syscall(SYS_dup3, 99, 12, 0));
	SHOW(syscall(SYS_dup3, a, 5000, 0));
	SHOW(syscall(SYS_dup3, a, -1, 0));
	SHOW(fcntl(12, F_GETFD));
	return 0;
}
