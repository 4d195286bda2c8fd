/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* LO_FLAGS_AUTOCLEAR and LOOP_CLR_FD: the device lets its file go when its last opener closes. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <stdint.h>
#include <sys/ioctl.h>

static void status(const char *dev)
{
	struct loop_info64 info;
	int lo = open(dev, O_RDONLY);
	uint64_t size = 1;

	if (ioctl(lo, LOOP_GET_STATUS64, &info))
		printf("  status: %s", abi_errname(errno));
	else
		printf("  status: bound, flags %u", info.lo_flags);
	ioctl(lo, BLKGETSIZE64, &size);
	printf(", size %llu\n", (unsigned long long)size);
	close(lo);
}

int main(void)
{
	struct loop_config c;
	char dev[32];
	int ctl, n, lo, lo2, f;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(ftruncate(f, 4096));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	lo = open(dev, O_RDWR);
	memset(&c, 0, sizeof(c));
	c.fd = (unsigned)f;
	c.info.lo_flags = LO_FLAGS_AUTOCLEAR;
	SHOW(ioctl(lo, LOOP_CONFIGURE, &c));
	status(dev);
	close(lo);
	puts("after the last close:");
	status(dev);
	FACT("free again", ioctl(ctl, LOOP_CTL_GET_FREE) == n);

	lo = open(dev, O_RDWR);
	lo2 = open(dev, O_RDONLY);
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	puts("cleared, two openers:");
	status(dev);
	close(lo);
	puts("one opener left:");
	status(dev);
	close(lo2);
	puts("none left:");
	status(dev);
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
