/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* LOOP_SET_CAPACITY takes the file's new size; LOOP_SET_STATUS64 changes offset and limit. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <stdint.h>
#include <sys/ioctl.h>

static void size(int lo)
{
	uint64_t s = 0;

	ioctl(lo, BLKGETSIZE64, &s);
	printf("  size %llu\n", (unsigned long long)s);
}

int main(void)
{
	struct loop_info64 info;
	char dev[32], buf[4] = "";
	int ctl, n, lo, f;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(ftruncate(f, 8192));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	lo = open(dev, O_RDWR);
	SHOW(ioctl(lo, LOOP_SET_CAPACITY));
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	size(lo);
	SHOW(ftruncate(f, 20000));
	size(lo);
	SHOW(ioctl(lo, LOOP_SET_CAPACITY));
	size(lo);
	SHOW(pwrite(f, "OFS", 3, 1024));
	memset(&info, 0, sizeof(info));
	SHOW(ioctl(lo, LOOP_GET_STATUS64, &info));
	info.lo_offset = 1024;
	info.lo_sizelimit = 4096;
	SHOW(ioctl(lo, LOOP_SET_STATUS64, &info));
	size(lo);
	SHOW(pread(lo, buf, 3, 0));
	printf("  read \"%.3s\"\n", buf);
	info.lo_sizelimit = 0;
	SHOW(ioctl(lo, LOOP_SET_STATUS64, &info));
	size(lo);
	SHOW(ioctl(lo, LOOP_SET_STATUS64, NULL));
	SHOW(ioctl(lo, LOOP_SET_BLOCK_SIZE, 1000));
	SHOW(ioctl(lo, LOOP_SET_BLOCK_SIZE, 1024));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	SHOW(ioctl(lo, LOOP_SET_STATUS64, &info));
	close(lo);
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
