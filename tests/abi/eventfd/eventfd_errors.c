/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* eventfd errors: bad flags, short buffers, the all-ones value, bad pointers. */
/* abi: glibc */
#include "abi.h"
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/eventfd.h>

int main(void)
{
	uint64_t v = 1;
	int fd;

	SHOW(syscall(SYS_eventfd2, 0, 4));
	SHOW(syscall(SYS_eventfd2, 0, O_RDWR));
	SHOW(syscall(SYS_eventfd2, 0, -1));
	SHOW(fd = syscall(SYS_eventfd2, 1, EFD_NONBLOCK));
	SHOW(read(fd, &v, 7));
	SHOW(read(fd, &v, 0));
	SHOW(write(fd, &v, 7));
	SHOW(write(fd, &v, 0));
	SHOW(write(fd, ABI_BADPTR, 8));
	v = UINT64_MAX;
	SHOW(write(fd, &v, 8));
	SHOW(read(fd, ABI_BADPTR, 8)); /* consumes the value, as Linux */
	SHOW(read(fd, &v, 8));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(ioctl(fd, FIONREAD, &fd));
	return 0;
}
