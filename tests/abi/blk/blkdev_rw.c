/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A loop device node: stat, lseek to the end, reads and writes at and past the end, fsync. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <sys/ioctl.h>

int main(void)
{
	char dev[32], buf[16] = "";
	struct stat st;
	int ctl, n, lo, f, v = 0;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(ftruncate(f, 8192 + 300));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	lo = open(dev, O_RDWR);
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	SHOW(fstat(lo, &st));
	printf("block %d size %lld\n", S_ISBLK(st.st_mode), (long long)st.st_size);
	SHOW(lseek(lo, 0, SEEK_END));
	SHOW(lseek(lo, 10, SEEK_END));
	SHOW(read(lo, buf, 4));
	SHOW(write(lo, "x", 1));
	SHOW(lseek(lo, -3, SEEK_END));
	SHOW(write(lo, "tail!", 5));
	SHOW(pwrite(lo, "hello", 5, 1000));
	SHOW(pwrite(lo, "", 0, 8192));
	SHOW(pread(lo, buf, 16, 8188));
	SHOW(pread(lo, buf, 5, 1000));
	printf("node reads \"%.5s\"\n", buf);
	SHOW(fsync(lo));
	memset(buf, 0, sizeof(buf));
	SHOW(pread(f, buf, 5, 1000));
	printf("file reads \"%.5s\"\n", buf);
	SHOW(pread(f, buf, 3, 8189));
	printf("file reads \"%.3s\"\n", buf);
	SHOW(ioctl(lo, BLKROGET, &v));
	SHOW(ioctl(lo, BLKFLSBUF, 0));
	SHOW(ioctl(lo, BLKRRPART, 0));
	SHOW(ioctl(lo, 0x1234, 0));
	SHOW(ioctl(lo, FIONREAD, &v));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	close(lo);
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
