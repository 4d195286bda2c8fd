/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pipe2: O_CLOEXEC, O_NONBLOCK on both ends, O_DIRECT packets, EINVAL for other flags. */
#include "abi.h"

int main(void)
{
	char buf[16] = "";
	int p[2];

	SHOW(pipe2(p, O_CLOEXEC));
	printf("FD_CLOEXEC: %d %d\n", fcntl(p[0], F_GETFD), fcntl(p[1], F_GETFD));
	SHOW(pipe2(p, O_NONBLOCK));
	printf("O_NONBLOCK: %d %d\n", !!(fcntl(p[0], F_GETFL) & O_NONBLOCK),
	       !!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
	SHOW(read(p[0], buf, 1));
	SHOW(pipe2(p, O_DIRECT));
	SHOW(write(p[1], "abc", 3));
	SHOW(write(p[1], "defg", 4));
	SHOW(read(p[0], buf, sizeof(buf)));
	SHOW(read(p[0], buf, 2));
	SHOW(syscall(SYS_pipe2, p, O_APPEND));
	SHOW(syscall(SYS_pipe2, p, O_RDWR));
	SHOW(syscall(SYS_pipe2, p, -1));
	return 0;
}
