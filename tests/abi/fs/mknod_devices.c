/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Device nodes on tmpfs open the driver with that number (null, zero); no driver, block or socket: ENXIO. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/sysmacros.h>

int main(void)
{
	char buf[4] = {1, 1, 1, 1};
	struct stat st;
	int fd;

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	SHOW(mknod("t/null", S_IFCHR | 0666, makedev(1, 3)));
	SHOW(mknod("t/zero", S_IFCHR | 0666, makedev(1, 5)));
	SHOW(mknod("t/none", S_IFCHR | 0666, makedev(4095, 7)));
	SHOW(mknod("t/blk", S_IFBLK | 0666, makedev(4095, 7)));
	SHOW(mknod("t/sock", S_IFSOCK | 0666, 0));
	fd = open("t/null", O_RDWR);
	SHOW(read(fd, buf, sizeof(buf)));
	SHOW(write(fd, "abc", 3));
	SHOW(fstat(fd, &st));
	printf("null: %s %u:%u\n", S_ISCHR(st.st_mode) ? "chr" : "?", major(st.st_rdev),
	       minor(st.st_rdev));
	close(fd);
	fd = open("t/zero", O_RDONLY);
	SHOW(read(fd, buf, sizeof(buf)));
	printf("zero: %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
	close(fd);
	SHOW(open("t/none", O_RDONLY));
	SHOW(open("t/blk", O_RDONLY));
	SHOW(open("t/sock", O_RDONLY));
	SHOW(open("t/sock", O_WRONLY | O_NONBLOCK));
	SHOW_OK(fd = open("t/sock", O_PATH));
	close(fd);
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
