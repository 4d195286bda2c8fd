/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fallocate mode 0 grows the file with zeros and allocates blocks; KEEP_SIZE keeps the size. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

static long size_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_size;
}

static long blocks_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_blocks;
}

/* the scratch directory's filesystem varies (ext4 natively): use a tmpfs */
static void enter_tmpfs(void)
{
	mkdir("m", 0755);
	if (mount("none", "m", "tmpfs", 0, NULL) != 0 || chdir("m") != 0)
		printf("FAIL: tmpfs: %s\n", abi_errname(errno));
}

static void leave_tmpfs(void)
{
	if (chdir("..") != 0 || umount2("m", 0) != 0 || rmdir("m") != 0)
		printf("FAIL: umount: %s\n", abi_errname(errno));
}

int main(void)
{
	int fd;
	char buf[8] = "";

	enter_tmpfs();
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	SHOW(write(fd, "abc", 3));
	SHOW(fallocate(fd, 0, 0, 8192));
	printf("size %ld, blocks %ld\n", size_of(fd), blocks_of(fd));
	SHOW(fallocate(fd, 0, 100, 10));
	printf("size %ld\n", size_of(fd));
	SHOW(pread(fd, buf, 4, 0));
	printf("bytes: %c%c%c %d\n", buf[0], buf[1], buf[2], buf[3]);
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 8192));
	printf("size %ld, blocks %ld\n", size_of(fd), blocks_of(fd));
	SHOW(fallocate(fd, 0, 20000, 1));
	printf("size %ld\n", size_of(fd));
	SHOW(pread(fd, buf, 4, 19998));
	printf("tail: %d %d %d\n", buf[0], buf[1], buf[2]);
	close(fd);
	unlink("f");
	leave_tmpfs();
	return 0;
}
