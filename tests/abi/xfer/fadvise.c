/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fadvise64 accepts the advice values on files and devices; EINVAL, ESPIPE, EBADF. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), wo = open("f", O_WRONLY);
	int dir = open(".", O_RDONLY | O_DIRECTORY), null = open("/dev/null", O_RDWR), p[2];

	SHOW(pipe(p));
	for (int adv = 0; adv <= 7; adv++)
		printf("advice %d: %ld\n", adv,
		       syscall(SYS_fadvise64, fd, 0, 0, adv) ? (long)errno : 0);
	SHOW(syscall(SYS_fadvise64, fd, 0, 100, -1));
	SHOW(syscall(SYS_fadvise64, fd, 0, -1, POSIX_FADV_NORMAL));
	SHOW(syscall(SYS_fadvise64, fd, -1, 0, POSIX_FADV_NORMAL));
	SHOW(syscall(SYS_fadvise64, fd, 1000, 10, POSIX_FADV_WILLNEED));
	SHOW(syscall(SYS_fadvise64, wo, 0, 0, POSIX_FADV_DONTNEED));
	SHOW(syscall(SYS_fadvise64, dir, 0, 0, POSIX_FADV_NORMAL));
	SHOW(syscall(SYS_fadvise64, null, 0, 0, POSIX_FADV_NORMAL));
	SHOW(syscall(SYS_fadvise64, p[0], 0, 0, POSIX_FADV_NORMAL));
	SHOW(syscall(SYS_fadvise64, p[0], 0, 0, 99));
	SHOW(syscall(SYS_fadvise64, 99, 0, 0, POSIX_FADV_NORMAL));
	SHOW(syscall(SYS_fadvise64, 99, 0, 0, 99));
	close(fd);
	close(wo);
	close(dir);
	close(null);
	unlink("f");
	return 0;
}
