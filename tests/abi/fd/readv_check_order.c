/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readv/preadv errors in Linux's order: offset, descriptor, access mode, seekability, then the vector. */
/* abi: glibc */
#include "abi.h"

#include <sys/uio.h>

int main(void)
{
	int fd = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0644), p[2];
	int rw = open("f", O_RDWR);
	char buf[4] = "abc";
	struct iovec v = {buf, sizeof(buf)};

	SHOW(pipe(p));
	SHOW(syscall(SYS_readv, 99, &v, 2000));
	SHOW(syscall(SYS_readv, fd, &v, 2000));
	SHOW(syscall(SYS_readv, fd, ABI_BADPTR, 1));
	SHOW(syscall(SYS_writev, p[0], &v, 2000));
	SHOW(syscall(SYS_preadv, 99, &v, 1, -1L, 0));
	SHOW(syscall(SYS_preadv, 99, &v, 2000, 0, 0));
	SHOW(syscall(SYS_preadv, p[0], &v, 2000, 0, 0));
	SHOW(syscall(SYS_preadv, p[0], &v, 1, -1L, 0));
	SHOW(syscall(SYS_pwritev, p[0], &v, 1, 0, 0));
	SHOW(syscall(SYS_preadv, fd, &v, 1, 0, 0));
	SHOW(syscall(SYS_preadv2, 99, &v, 1, 0, 0, 0x10000));
	SHOW(syscall(SYS_preadv2, fd, &v, 2000, 0, 0, 0x10000));
	SHOW(syscall(SYS_preadv2, 99, &v, 1, -5L, 0, 0));
	SHOW(syscall(SYS_preadv2, rw, &v, 2000, 0, 0, 0x10000));
	SHOW(syscall(SYS_preadv2, rw, ABI_BADPTR, 1, 0, 0, 0x10000));
	SHOW(syscall(SYS_preadv2, rw, &v, 0, 0, 0, 0x10000));
	SHOW(syscall(SYS_pwritev2, rw, &v, 1, 0, 0, 0x10000));
	SHOW(syscall(SYS_preadv, rw, ABI_BADPTR, 1, -1L, 0));
	close(fd);
	close(rw);
	close(p[0]);
	close(p[1]);
	unlink("f");
	return 0;
}
