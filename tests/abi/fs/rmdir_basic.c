/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rmdir: ENOTEMPTY, ENOTDIR (files, symlinks), ENOENT, EINVAL for ".", ENOTEMPTY for "..". */
#include "abi.h"

int main(void)
{
	mkdir("d", 0755);
	mkdir("d/sub", 0755);
	abi_make_file("f", "x");
	symlink("d", "link");
	SHOW(rmdir("d"));
	SHOW(rmdir("f"));
	SHOW(rmdir("missing"));
	SHOW(rmdir("link"));
	SHOW(rmdir("link/"));
	SHOW(rmdir("."));
	SHOW(rmdir("d/sub/."));
	SHOW(rmdir("d/sub/.."));
	SHOW(rmdir("d/sub/"));
	SHOW(rmdir("d"));
	SHOW(access("d", F_OK));
	SHOW(rmdir(""));
	SHOW(syscall(SYS_rmdir, ABI_BADPTR));
	unlink("link");
	unlink("f");
	return 0;
}
