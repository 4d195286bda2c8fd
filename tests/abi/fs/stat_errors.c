/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* stat errors: ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, EFAULT for the path and for the buffer. */
#include "abi.h"

int main(void)
{
	char name[300];
	struct stat st;

	abi_make_file("f", "x");
	symlink("loop", "loop");
	memset(name, 'x', 299);
	name[299] = '\0';
	SHOW(stat("missing", &st));
	SHOW(stat("", &st));
	SHOW(stat("f/", &st));
	SHOW(stat("f/x", &st));
	SHOW(stat("missing/x", &st));
	SHOW(stat("loop", &st));
	SHOW(lstat("loop", &st));
	SHOW(stat(name, &st));
	SHOW(syscall(SYS_stat, ABI_BADPTR, &st));
	SHOW(syscall(SYS_stat, "f", ABI_BADPTR));
	SHOW(syscall(SYS_lstat, "f", ABI_KERNPTR));
	SHOW(syscall(SYS_fstat, 99, &st));
	SHOW(syscall(SYS_fstat, 0, ABI_BADPTR));
	unlink("loop");
	unlink("f");
	return 0;
}
