/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/exe links to the running executable (absolute path) and opens to the ELF image. */
/* abi: glibc */
#include "abi.h"

int main(int argc, char **argv)
{
	char buf[4096] = "", magic[4];
	struct stat a, b;
	int fd;

	(void)argc;
	SHOW(readlink("/proc/self/exe", buf, sizeof(buf) - 1) > 0);
	FACT("absolute", buf[0] == '/');
	FACT("same as argv[0] (an absolute path from abi-exec)", strcmp(buf, argv[0]) == 0);
	stat("/proc/self/exe", &a);
	stat(argv[0], &b);
	FACT("stat follows to the same inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	fd = open("/proc/self/exe", O_RDONLY);
	SHOW(read(fd, magic, 4));
	FACT("ELF magic", memcmp(magic, "\177ELF", 4) == 0);
	close(fd);
	return 0;
}
