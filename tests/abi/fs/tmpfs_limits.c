/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tmpfs size= and nr_inodes=: writes stop at the size (short write, then ENOSPC), names at the count. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

int main(void)
{
	static char buf[10000];
	int fd;

	mkdir("m", 0755);
	SHOW(mount("none", "m", "tmpfs", 0, "size=8k,nr_inodes=4"));
	fd = open("m/f", O_CREAT | O_RDWR, 0644);
	SHOW(write(fd, buf, sizeof(buf)));
	SHOW(write(fd, buf, 1));
	SHOW(pwrite(fd, "x", 1, 100));
	SHOW(ftruncate(fd, 100000));
	SHOW(pwrite(fd, "x", 1, 50000));
	SHOW(ftruncate(fd, 4096));
	SHOW(pwrite(fd, "x", 1, 50000));
	close(fd);
	SHOW(mkdir("m/d", 0755));
	SHOW(symlink("f", "m/l"));
	SHOW(open("m/g", O_CREAT | O_RDWR, 0644));
	SHOW(mkdir("m/e", 0755));
	SHOW(symlink("f", "m/f"));
	SHOW(unlink("m/l"));
	SHOW(mkdir("m/e", 0755));
	SHOW(rmdir("m/e"));
	SHOW(rmdir("m/d"));
	SHOW(unlink("m/f"));
	SHOW(umount("m"));
	rmdir("m");
	return 0;
}
