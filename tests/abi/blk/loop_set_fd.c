/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* LOOP_SET_FD binds a free loop device to a file: EBADF, EBUSY, then LOOP_CLR_FD and ENXIO. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <stdint.h>
#include <sys/ioctl.h>

int main(void)
{
	struct loop_info64 info;
	char dev[32];
	uint64_t size = 0;
	int ctl, n, lo, f;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(ftruncate(f, 65536 + 100));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	CHECK(n >= 0);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	lo = open(dev, O_RDWR);
	CHECK(lo >= 0);
	SHOW(ioctl(lo, LOOP_GET_STATUS64, &info));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	SHOW(ioctl(lo, LOOP_SET_FD, 999));
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	FACT("no longer free", ioctl(ctl, LOOP_CTL_GET_FREE) != n);
	SHOW(ioctl(lo, BLKGETSIZE64, &size));
	printf("size %llu\n", (unsigned long long)size);
	memset(&info, 0xff, sizeof(info));
	SHOW(ioctl(lo, LOOP_GET_STATUS64, &info));
	FACT("lo_number is the device's", info.lo_number == (unsigned)n);
	printf("offset %llu sizelimit %llu flags %u name \"%s\"\n",
	       (unsigned long long)info.lo_offset, (unsigned long long)info.lo_sizelimit,
	       info.lo_flags, (char *)info.lo_file_name);
	SHOW(ioctl(lo, LOOP_GET_STATUS64, NULL));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	SHOW(ioctl(lo, LOOP_GET_STATUS64, &info));
	SHOW(ioctl(lo, BLKGETSIZE64, &size));
	printf("size %llu\n", (unsigned long long)size);
	close(lo);
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
