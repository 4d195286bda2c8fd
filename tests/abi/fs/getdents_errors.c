/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getdents64: ENOTDIR, EBADF, EINVAL for a too small buffer, EFAULT; lseek rewinds. */
#include "abi.h"

int main(void)
{
	char buf[1024];
	int fd, ffd;
	long first;

	abi_make_file("f", "x");
	fd = open(".", O_RDONLY | O_DIRECTORY);
	ffd = open("f", O_RDONLY);
	SHOW(syscall(SYS_getdents64, ffd, buf, sizeof(buf)));
	SHOW(syscall(SYS_getdents64, 99, buf, sizeof(buf)));
	SHOW(syscall(SYS_getdents64, fd, buf, 10));
	SHOW(syscall(SYS_getdents64, fd, buf, 0));
	SHOW(syscall(SYS_getdents64, fd, ABI_BADPTR, sizeof(buf)));
	first = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	FACT("read the whole directory", first > 0);
	SHOW(syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	SHOW(lseek(fd, 0, SEEK_SET));
	FACT("same size after rewinding", syscall(SYS_getdents64, fd, buf, sizeof(buf)) == first);
	close(fd);
	fd = open(".", O_PATH);
	SHOW(syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	close(fd);
	close(ffd);
	unlink("f");
	return 0;
}
