/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* flock errors: EINVAL for bad operations (before EBADF), EBADF, LOCK_MAND ignored. */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

#ifndef LOCK_MAND
#define LOCK_MAND 32
#endif

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	int path = open("f", O_PATH);

	SHOW(flock(fd, 0));
	SHOW(flock(fd, LOCK_NB));
	SHOW(flock(fd, LOCK_SH | LOCK_EX));
	SHOW(flock(fd, LOCK_UN | LOCK_EX));
	SHOW(flock(fd, 16));
	SHOW(flock(99, 16));
	SHOW(flock(99, LOCK_EX));
	SHOW(flock(-1, LOCK_UN));
	SHOW(flock(path, LOCK_SH));
	SHOW(flock(path, LOCK_UN));
	SHOW(flock(99, LOCK_MAND));
	SHOW(flock(fd, LOCK_MAND | LOCK_EX));
	SHOW(flock(fd, LOCK_EX | 0x100));
	SHOW(flock(fd, LOCK_EX | LOCK_NB));
	close(fd);
	close(path);
	unlink("f");
	return 0;
}
