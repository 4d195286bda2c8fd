/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/loop-control: GET_FREE, ADD of a taken number, REMOVE errors, unknown commands. */
/* abi: glibc */
/* abi: serial: adds and removes the host's loop devices */
#include "abi.h"
#include <linux/loop.h>
#include <sys/sysmacros.h>
#include <sys/ioctl.h>

int main(void)
{
	struct stat st;
	int ctl, n, m, lo;
	char dev[32];

	SHOW(stat("/dev/loop-control", &st));
	printf("char %d rdev %u:%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
	ctl = open("/dev/loop-control", O_RDWR);
	CHECK(ctl >= 0);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	CHECK(n >= 0);
	FACT("GET_FREE again gives the same", ioctl(ctl, LOOP_CTL_GET_FREE) == n);
	m = ioctl(ctl, LOOP_CTL_ADD, n);
	printf("ADD of the free one: %s\n", m < 0 ? abi_errname(errno) : "added");
	SHOW(ioctl(ctl, LOOP_CTL_REMOVE, -1));
	SHOW(ioctl(ctl, LOOP_CTL_REMOVE, 250));
	SHOW(ioctl(ctl, LOOP_CTL_ADD, 250));
	snprintf(dev, sizeof(dev), "/dev/loop%d", 250);
	SHOW(stat(dev, &st));
	printf("block %d rdev %u:%u\n", S_ISBLK(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
	lo = open(dev, O_RDONLY);
	CHECK(lo >= 0);
	SHOW(ioctl(ctl, LOOP_CTL_REMOVE, 250));
	close(lo);
	SHOW(ioctl(ctl, LOOP_CTL_REMOVE, 250));
	SHOW(ioctl(ctl, LOOP_CTL_REMOVE, 250));
	SHOW(ioctl(ctl, 0x4C99, 0));
	close(ctl);
	return 0;
}
