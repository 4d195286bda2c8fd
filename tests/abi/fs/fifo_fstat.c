/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fstat and fgetxattr on a FIFO or device node opened by path describe the node itself, not the pipe or driver. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

static void compare(const char *path, int fd)
{
	struct stat by_path, by_fd;

	if (stat(path, &by_path) || fstat(fd, &by_fd)) {
		printf("%s: stat failed: %s\n", path, abi_errname(errno));
		return;
	}
	printf("%s: fstat mode %07o rdev %u:%u\n", path, (unsigned)by_fd.st_mode,
	       major(by_fd.st_rdev), minor(by_fd.st_rdev));
	FACT("  same inode as stat", by_path.st_ino == by_fd.st_ino);
	FACT("  same device as stat", by_path.st_dev == by_fd.st_dev);
}

int main(void)
{
	char buf[8] = "";
	int fd;

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	SHOW(mkfifo("t/fifo", 0640));
	SHOW(mknod("t/null", S_IFCHR | 0604, makedev(1, 3)));
	SHOW(setxattr("t/fifo", "trusted.tag", "node", 4, 0));
	fd = open("t/fifo", O_RDWR);
	compare("t/fifo", fd);
	SHOW(fgetxattr(fd, "trusted.tag", buf, sizeof(buf)));
	SHOW(fsetxattr(fd, "trusted.more", "x", 1, 0));
	SHOW(flistxattr(fd, NULL, 0));
	SHOW(fgetxattr(fd, "user.tag", buf, sizeof(buf)));
	close(fd);
	fd = open("t/null", O_WRONLY);
	compare("t/null", fd);
	SHOW(write(fd, "x", 1));
	close(fd);
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
