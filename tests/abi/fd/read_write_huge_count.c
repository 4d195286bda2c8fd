/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* read/write with a count past the end of user space: EFAULT; a large count within it is trimmed. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	static char buf[64];

	SHOW(write(fd, "0123456789", 10));
	SHOW(syscall(SYS_pread64, fd, buf, (size_t)-1, 0));
	SHOW(syscall(SYS_pread64, fd, buf, (size_t)1 << 62, 0));
	SHOW(syscall(SYS_pread64, fd, buf, (size_t)1 << 40, 0));
	SHOW(syscall(SYS_pread64, fd, buf, (size_t)1 << 32, 0));
	SHOW(syscall(SYS_pwrite64, fd, buf, (size_t)-1, 0));
	SHOW(syscall(SYS_read, fd, buf, (size_t)-1));
	SHOW(syscall(SYS_write, fd, buf, (size_t)-1));
	SHOW(lseek(fd, 0, SEEK_END));
	close(fd);
	unlink("f");
	return 0;
}
