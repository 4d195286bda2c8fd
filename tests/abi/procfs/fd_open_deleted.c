/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/fd/N of an unlinked file opens the file itself, with its own offset. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	char buf[64], path[64], link[4200];
	struct stat a, b;
	int fd, again;
	ssize_t n;

	abi_make_file("f", "contents");
	fd = open("f", O_RDWR);
	SHOW(unlink("f"));
	SHOW(read(fd, buf, 3));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	memset(link, 0, sizeof(link));
	n = readlink(path, link, sizeof(link) - 1);
	FACT("link ends in \" (deleted)\"", n > 10 && !strcmp(link + n - 10, " (deleted)"));
	again = open(path, O_RDWR);
	FACT("opened", again >= 0);
	fstat(fd, &a);
	fstat(again, &b);
	FACT("same file", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	printf("nlink %lu\n", (unsigned long)b.st_nlink);
	memset(buf, 0, sizeof(buf));
	SHOW(read(again, buf, sizeof(buf) - 1));
	printf("from its own offset 0: \"%s\"\n", buf);
	SHOW(pwrite(again, "C", 1, 0));
	memset(buf, 0, sizeof(buf));
	SHOW(pread(fd, buf, 3, 0));
	printf("seen through the first fd: \"%s\"\n", buf);
	SHOW(open(path, O_RDONLY | O_DIRECTORY));
	SHOW(open("/proc/self/fd/0/x", O_RDONLY));
	close(again);
	close(fd);
	return 0;
}
