/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A loop bound through a read-only descriptor (of the loop or of the file) is read-only. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <sys/ioctl.h>

static void bind(const char *dev, int loop_mode, int file_mode)
{
	struct loop_info64 info;
	int lo = open(dev, loop_mode), f = open("blkimg", file_mode), ro = -1;

	printf("loop %s, file %s:\n", loop_mode == O_RDONLY ? "O_RDONLY" : "O_RDWR",
	       file_mode == O_RDONLY ? "O_RDONLY" : "O_RDWR");
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	SHOW(ioctl(lo, BLKROGET, &ro));
	printf("  ro %d\n", ro);
	SHOW(ioctl(lo, LOOP_GET_STATUS64, &info));
	printf("  flags %u\n", info.lo_flags);
	SHOW(pwrite(lo, "x", 1, 0));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	close(f);
	close(lo);
}

int main(void)
{
	char dev[32];
	int ctl, n, f;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(ftruncate(f, 4096));
	close(f);
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	bind(dev, O_RDONLY, O_RDWR);
	bind(dev, O_RDWR, O_RDONLY);
	bind(dev, O_RDWR, O_RDWR);
	close(ctl);
	unlink("blkimg");
	return 0;
}
