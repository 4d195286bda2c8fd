/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fallocate PUNCH_HOLE|KEEP_SIZE zeroes a range and frees whole pages; the size stays. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

static char data[16384];

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
	struct stat st;
	char buf[16];

	enter_tmpfs();
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	memset(data, 'x', sizeof(data));
	SHOW(write(fd, data, sizeof(data)));
	SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10));
	SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 10, 5));
	SHOW(pread(fd, buf, 16, 8));
	printf("bytes 8..23: %.2s %d %d %d %d %d %.6s\n", buf, buf[2], buf[3], buf[4], buf[5],
	       buf[6], buf + 7);
	SHOW(fstat(fd, &st));
	printf("size %ld, blocks %ld\n", (long)st.st_size, (long)st.st_blocks);
	SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 8192));
	SHOW(fstat(fd, &st));
	printf("size %ld, blocks %ld\n", (long)st.st_size, (long)st.st_blocks);
	SHOW(pread(fd, buf, 2, 4095));
	printf("around 4096: %c %d\n", buf[0], buf[1]);
	SHOW(pread(fd, buf, 2, 12287));
	printf("around 12288: %d %c\n", buf[0], buf[1]);
	SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 12288, 4096));
	SHOW(fstat(fd, &st));
	printf("one whole page: blocks %ld\n", (long)st.st_blocks);
	SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 16000, 100000));
	SHOW(fstat(fd, &st));
	printf("size %ld\n", (long)st.st_size);
	close(fd);
	unlink("f");
	leave_tmpfs();
	return 0;
}
