/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The terminal on stdin stats alike through fstat, newfstatat(AT_EMPTY_PATH) and statx. */
/* abi: glibc */
#include <linux/stat.h>
#include "abi.h"

#include <sys/sysmacros.h>

int main(void)
{
	struct stat a, b;
	struct statx x;

	memset(&x, 0, sizeof(x));
	SHOW(fstat(0, &a));
	SHOW(syscall(SYS_newfstatat, 0, "", &b, AT_EMPTY_PATH));
	SHOW(syscall(SYS_statx, 0, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &x));
	FACT("a character device", S_ISCHR(a.st_mode));
	FACT("newfstatat agrees", a.st_ino == b.st_ino && a.st_dev == b.st_dev &&
					  a.st_mode == b.st_mode && a.st_rdev == b.st_rdev);
	FACT("statx agrees", x.stx_ino == a.st_ino && x.stx_mode == a.st_mode &&
				     x.stx_rdev_major == major(a.st_rdev) &&
				     x.stx_rdev_minor == minor(a.st_rdev));
	FACT("stdout too", syscall(SYS_newfstatat, 1, "", &b, AT_EMPTY_PATH) == 0);
	return 0;
}
