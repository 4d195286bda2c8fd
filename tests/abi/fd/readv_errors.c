/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readv/writev: EINVAL for iovcnt < 0 or > IOV_MAX, EFAULT, a short writev at a bad iovec. */
#include "abi.h"

#include <limits.h>
#include <sys/uio.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	static struct iovec many[1025];
	char buf[8];
	struct iovec ok = {buf, 8};
	struct iovec huge[2] = {{buf, SSIZE_MAX}, {buf, SSIZE_MAX}};
	struct iovec bad1[2] = {{ABI_BADPTR, 4}, {buf, 4}};
	struct iovec bad2[2] = {{"good", 4}, {ABI_BADPTR, 4}};
	int i;

	for (i = 0; i < 1025; i++)
		many[i] = ok;
	SHOW(syscall(SYS_writev, fd, &ok, -1));
	SHOW(syscall(SYS_writev, fd, many, 1025));
	SHOW(syscall(SYS_writev, fd, many, 1024));
	SHOW(syscall(SYS_readv, fd, huge, 2));
	SHOW(syscall(SYS_writev, fd, ABI_BADPTR, 1));
	SHOW(syscall(SYS_writev, fd, bad1, 2));
	SHOW(syscall(SYS_writev, fd, bad2, 2));
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(syscall(SYS_readv, fd, bad1, 2));
	SHOW(syscall(SYS_readv, 99, &ok, 1));
	close(fd);
	unlink("f");
	return 0;
}
