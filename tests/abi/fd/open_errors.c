/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* open errors: ENOENT, ENOTDIR, EISDIR, EFAULT, ELOOP (O_NOFOLLOW), EEXIST via a symlink. */
#include "abi.h"

int main(void)
{
	abi_make_file("f", "x");
	mkdir("d", 0755);
	symlink("f", "link");
	SHOW(open("", O_RDONLY));
	SHOW(open("missing/f", O_RDWR | O_CREAT, 0644));
	SHOW(open("f/x", O_RDONLY));
	SHOW(open("f/", O_RDONLY));
	SHOW(open("f", O_RDONLY | O_DIRECTORY));
	SHOW(open("d", O_WRONLY));
	SHOW(open("d", O_RDWR));
	SHOW(open("d", O_RDONLY | O_CREAT, 0644));
	SHOW(open("d", O_RDONLY));
	SHOW(open("d/", O_RDONLY | O_DIRECTORY));
	SHOW(open("link", O_RDONLY | O_NOFOLLOW));
	SHOW(open("link", O_RDONLY));
	SHOW(open("link", O_WRONLY | O_CREAT | O_EXCL, 0644));
	SHOW(syscall(SYS_open, ABI_BADPTR, O_RDONLY));
	SHOW(syscall(SYS_open, ABI_KERNPTR, O_RDONLY));
	SHOW(syscall(SYS_openat, AT_FDCWD, ABI_BADPTR, O_RDONLY));
	unlink("link");
	unlink("f");
	rmdir("d");
	return 0;
}
