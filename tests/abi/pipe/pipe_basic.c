/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pipe: read end first, data in order, EBADF on the wrong end, EFAULT for a bad array. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	char buf[32] = "";
	int p[2];

	SHOW(pipe(p));
	printf("fds: %d %d\n", p[0], p[1]);
	printf("F_GETFL: read end %#x, write end %#x\n", fcntl(p[0], F_GETFL),
	       fcntl(p[1], F_GETFL));
	SHOW(write(p[1], "first ", 6));
	SHOW(write(p[1], "second", 6));
	SHOW(read(p[0], buf, 4));
	SHOW(read(p[0], buf + 4, sizeof(buf) - 5));
	printf("read \"%s\"\n", buf);
	SHOW(write(p[0], "x", 1));
	SHOW(read(p[1], buf, 1));
	SHOW(write(p[1], "", 0));
	SHOW(syscall(SYS_pipe, ABI_BADPTR));
	SHOW(syscall(SYS_pipe2, ABI_KERNPTR, 0));
	return 0;
}
