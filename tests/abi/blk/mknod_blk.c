/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A block device node made by mknod elsewhere opens the device; one with no device gives ENXIO. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>

int main(void)
{
	char dev[32], buf[8] = "";
	uint64_t size = 0;
	struct stat st;
	int ctl, n, lo, f, node;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(pwrite(f, "on disk", 7, 512));
	SHOW(ftruncate(f, 8192));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	lo = open(dev, O_RDWR);
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	SHOW(mknod("blknode", S_IFBLK | 0600, makedev(7, (unsigned)n)));
	SHOW(stat("blknode", &st));
	FACT("a block node with the loop's number",
	     S_ISBLK(st.st_mode) && st.st_rdev == makedev(7, (unsigned)n));
	node = open("blknode", O_RDONLY);
	CHECK(node >= 0);
	SHOW(ioctl(node, BLKGETSIZE64, &size));
	printf("size %llu\n", (unsigned long long)size);
	SHOW(pread(node, buf, 7, 512));
	printf("read \"%.7s\"\n", buf);
	SHOW(lseek(node, 0, SEEK_END));
	SHOW(fstat(node, &st));
	FACT("fstat shows the node", S_ISBLK(st.st_mode) && st.st_size == 0);
	close(node);
	SHOW(unlink("blknode"));
	SHOW(mknod("nodev", S_IFBLK | 0600, makedev(240, 250)));
	SHOW(open("nodev", O_RDONLY));
	SHOW(unlink("nodev"));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	close(lo);
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
