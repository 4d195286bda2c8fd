/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mknod errors: EPERM for directories, EINVAL for other types, EEXIST, ENOENT, ENOTDIR, EFAULT, EBADF. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int fd;

	abi_make_file("file", "");
	SHOW(mknod("x", S_IFDIR | 0755, 0));
	SHOW(mknod("x", S_IFLNK | 0777, 0));
	SHOW(mknod("x", 0170000 | 0644, 0));
	SHOW(mknod("x", 0030000 | 0644, 0));
	SHOW(mknod("file", S_IFIFO | 0644, 0));
	SHOW(mknod("file", S_IFDIR | 0644, 0));
	SHOW(mknod("file/", S_IFIFO | 0644, 0));
	SHOW(mknod("file", 0644, 0));
	SHOW(mknod(".", S_IFIFO | 0644, 0));
	SHOW(mknod("..", S_IFIFO | 0644, 0));
	SHOW(mknod("/", S_IFIFO | 0644, 0));
	SHOW(mknod("", S_IFIFO | 0644, 0));
	SHOW(mknod("new/", S_IFIFO | 0644, 0));
	SHOW(mknod("missing/x", S_IFIFO | 0644, 0));
	SHOW(mknod("file/x", S_IFIFO | 0644, 0));
	SHOW(mknod(ABI_BADPTR, S_IFIFO | 0644, 0));
	SHOW(mknodat(99, "x", S_IFIFO | 0644, 0));
	fd = open("file", O_RDONLY);
	SHOW(mknodat(fd, "x", S_IFIFO | 0644, 0));
	close(fd);
	mkdir("d", 0755);
	fd = open("d", O_RDONLY | O_DIRECTORY);
	SHOW(mknodat(fd, "x", S_IFIFO | 0644, 0));
	SHOW(access("d/x", F_OK));
	SHOW(unlink("d/x"));
	close(fd);
	rmdir("d");
	SHOW(access("new", F_OK));
	unlink("file");
	return 0;
}
