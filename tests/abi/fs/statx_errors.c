/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* statx errors: EINVAL (flags, reserved mask, sync flags), ENOENT, EBADF, EFAULT, ENOTDIR. */
#include <linux/stat.h>
#include "abi.h"

static long sys_statx(int dfd, const char *path, int flags, unsigned mask, void *stx)
{
	return syscall(SYS_statx, dfd, path, flags, mask, stx);
}

int main(void)
{
	struct statx stx;

	abi_make_file("f", "x");
	SHOW(sys_statx(AT_FDCWD, "f", 0x1, STATX_BASIC_STATS, &stx));
	SHOW(sys_statx(AT_FDCWD, "f", 0, STATX__RESERVED, &stx));
	SHOW(sys_statx(AT_FDCWD, "f", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, 0, &stx));
	SHOW(sys_statx(AT_FDCWD, "missing", 0, STATX_BASIC_STATS, &stx));
	SHOW(sys_statx(AT_FDCWD, "", 0, STATX_BASIC_STATS, &stx));
	SHOW(sys_statx(99, "f", 0, STATX_BASIC_STATS, &stx));
	SHOW(sys_statx(99, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx));
	SHOW(sys_statx(AT_FDCWD, ABI_BADPTR, 0, STATX_BASIC_STATS, &stx));
	SHOW(sys_statx(AT_FDCWD, "f", 0, STATX_BASIC_STATS, ABI_BADPTR));
	SHOW(sys_statx(AT_FDCWD, "f/", 0, STATX_BASIC_STATS, &stx));
	unlink("f");
	return 0;
}
