/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* LOOP_CONFIGURE: EINVAL for bad flags and block sizes; read-only, offset, size limit, block size. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <stdint.h>
#include <sys/ioctl.h>

int main(void)
{
	struct loop_config c;
	struct loop_info64 info;
	char dev[32], buf[8] = "";
	uint64_t size = 0;
	int ctl, n, lo, f, v = -1;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(pwrite(f, "abcdefgh", 8, 4096));
	SHOW(ftruncate(f, 65536));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	lo = open(dev, O_RDWR);
	CHECK(lo >= 0);
	memset(&c, 0, sizeof(c));
	c.fd = (unsigned)f;
	c.info.lo_flags = 0x100;
	SHOW(ioctl(lo, LOOP_CONFIGURE, &c));
	c.info.lo_flags = LO_FLAGS_READ_ONLY;
	c.block_size = 1000;
	SHOW(ioctl(lo, LOOP_CONFIGURE, &c));
	c.block_size = 4096;
	c.info.lo_offset = 4096;
	c.info.lo_sizelimit = 16384;
	strcpy((char *)c.info.lo_file_name, "some name");
	SHOW(ioctl(lo, LOOP_CONFIGURE, (void *)1));
	SHOW(ioctl(lo, LOOP_CONFIGURE, &c));
	SHOW(ioctl(lo, BLKGETSIZE64, &size));
	printf("size %llu\n", (unsigned long long)size);
	SHOW(ioctl(lo, BLKROGET, &v));
	printf("ro %d\n", v);
	SHOW(ioctl(lo, BLKSSZGET, &v));
	printf("logical block size %d\n", v);
	SHOW(ioctl(lo, LOOP_GET_STATUS64, &info));
	printf("offset %llu sizelimit %llu flags %u name \"%s\"\n",
	       (unsigned long long)info.lo_offset, (unsigned long long)info.lo_sizelimit,
	       info.lo_flags, (char *)info.lo_file_name);
	SHOW(pread(lo, buf, 8, 0));
	printf("read \"%.8s\"\n", buf);
	SHOW(pwrite(lo, "x", 1, 0));
	SHOW(ioctl(lo, LOOP_CONFIGURE, &c));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	close(lo);
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
