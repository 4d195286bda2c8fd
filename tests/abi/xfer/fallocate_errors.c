/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fallocate errors: length, offset, modes, EBADF, ESPIPE for pipes, ENODEV for devices. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

/* musl's fcntl.h has only KEEP_SIZE and PUNCH_HOLE (values from linux/falloc.h) */
#ifndef FALLOC_FL_COLLAPSE_RANGE
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE	 0x10
#define FALLOC_FL_INSERT_RANGE	 0x20
#endif

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
	int fd, ro, dir, null, p[2];

	enter_tmpfs();
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ro = open("f", O_RDONLY);
	dir = open(".", O_RDONLY | O_DIRECTORY);
	null = open("/dev/null", O_RDWR);

	SHOW(pipe(p));
	SHOW(fallocate(fd, 0, 0, 0));
	SHOW(fallocate(fd, 0, 0, -1));
	SHOW(fallocate(fd, 0, -1, 1));
	SHOW(fallocate(fd, 0, 0x7fffffffffffffffL, 1));
	SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 1));
	SHOW(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, 4096));
	SHOW(fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, 4096));
	SHOW(fallocate(fd, FALLOC_FL_INSERT_RANGE, 0, 4096));
	SHOW(fallocate(fd, 0x100, 0, 1));
	SHOW(fallocate(99, 0, 0, 1));
	SHOW(fallocate(ro, 0, 0, 1));
	SHOW(fallocate(dir, 0, 0, 1));
	SHOW(fallocate(p[1], 0, 0, 1));
	SHOW(fallocate(p[0], 0, 0, 1));
	SHOW(fallocate(null, 0, 0, 1));
	close(fd);
	fd = open("f", O_WRONLY | O_APPEND);
	SHOW(fallocate(fd, 0, 0, 1));
	SHOW(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 1));
	close(fd);
	close(ro);
	close(dir);
	close(null);
	unlink("f");
	leave_tmpfs();
	return 0;
}
