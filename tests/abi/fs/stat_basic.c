/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* stat of files and directories: type, mode, size, links, owner; fstat agrees. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	struct stat a, b;
	int fd;

	abi_make_file("f", "12345");
	chmod("f", 0640);
	SHOW(stat("f", &a));
	printf("S_ISREG=%d mode=%04o size=%lld nlink=%lu\n", S_ISREG(a.st_mode), a.st_mode & 07777,
	       (long long)a.st_size, (unsigned long)a.st_nlink);
	FACT("owner is us", a.st_uid == getuid() && a.st_gid == getgid());
	fd = open("f", O_RDONLY);
	SHOW(fstat(fd, &b));
	FACT("fstat: same dev and inode", a.st_dev == b.st_dev && a.st_ino == b.st_ino);
	SHOW(mkdir("d", 0750));
	SHOW(stat("d", &a));
	printf("S_ISDIR=%d mode=%04o nlink=%lu\n", S_ISDIR(a.st_mode), a.st_mode & 07777,
	       (unsigned long)a.st_nlink);
	SHOW(mkdir("d/sub", 0755));
	SHOW(stat("d", &a));
	printf("nlink with a subdirectory=%lu\n", (unsigned long)a.st_nlink);
	SHOW(stat("d/sub/..", &b));
	FACT("d/sub/.. is d", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	SHOW(stat(".", &a));
	FACT("'.' is a directory", S_ISDIR(a.st_mode));
	rmdir("d/sub");
	rmdir("d");
	close(fd);
	unlink("f");
	return 0;
}
