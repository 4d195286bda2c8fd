/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_DIRECT on a loop device: misaligned offsets and lengths, F_GETFL, direct and buffered I/O see each other, the end. */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/loop.h>
#include <sys/ioctl.h>

static char *buf;

static int pattern(size_t off, size_t n, int seed)
{
	int ok = 1;

	for (size_t i = 0; i < n; i++)
		ok &= buf[i] == (char)((off + i) * 7 + seed);
	return ok;
}

static void fill(size_t off, size_t n, int seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)((off + i) * 7 + seed);
}

int main(void)
{
	char dev[32];
	int ctl, n, f, lo, bo;
	void *p;

	if (posix_memalign(&p, 4096, 3 * 4096))
		return 1;
	buf = p;
	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(ftruncate(f, 64 * 1024));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	bo = open(dev, O_RDWR);
	SHOW(ioctl(bo, LOOP_SET_FD, f));
	SHOW_OK(lo = open(dev, O_RDWR | O_DIRECT));
	FACT("F_GETFL shows O_DIRECT", fcntl(lo, F_GETFL) & O_DIRECT);
	fill(0, 8192, 1);
	/* (a misaligned buffer is not shown: Linux 6.18 takes one whose
	 * pieces in each page are whole sectors, Kevlar refuses any) */
	SHOW(pwrite(lo, buf, 700, 0));
	SHOW(pwrite(lo, buf, 512, 100));
	SHOW(pread(lo, buf, 512, 1000));
	SHOW(pwrite(lo, buf, 8192, 0));
	SHOW(pwrite(lo, buf + 512, 512, 512));
	memset(buf, 0, 8192);
	SHOW(pread(bo, buf, 8192, 0));
	FACT("a buffered read sees the direct write", pattern(0, 8192, 1));
	fill(4096, 1000, 2);
	SHOW(pwrite(bo, buf, 1000, 4096));
	memset(buf, 0, 8192);
	SHOW(pread(lo, buf, 8192, 0));
	FACT("a direct read sees the buffered write", pattern(0, 4096, 1));
	memmove(buf, buf + 4096, 1000);
	FACT("...all of it", pattern(4096, 1000, 2));
	SHOW(pread(lo, buf + 3, 512, 64 * 1024));
	SHOW(pwrite(lo, buf + 3, 512, 64 * 1024));
	SHOW(pread(lo, buf, 8192, 60 * 1024));
	SHOW(pread(lo, buf + 3, 0, 5));
	SHOW(fcntl(lo, F_SETFL, 0));
	FACT("F_SETFL cleared O_DIRECT", fcntl(lo, F_GETFL) & O_DIRECT);
	SHOW(pread(lo, buf + 1, 10, 3));
	SHOW(fcntl(lo, F_SETFL, O_DIRECT));
	FACT("F_SETFL set O_DIRECT", fcntl(lo, F_GETFL) & O_DIRECT);
	close(lo);
	SHOW(ioctl(bo, LOOP_CLR_FD));
	close(bo);
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
