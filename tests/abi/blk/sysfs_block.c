/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A bound loop device in /sys/block, /sys/class/block and /proc/partitions; BLKROSET via sysfs ro. */
/* abi: glibc */
/* abi: serial: binds one of the host's loop devices */
#include "abi.h"
#include <linux/fs.h>
#include <linux/loop.h>
#include <sys/ioctl.h>

static void attr(const char *dir, int n, const char *name)
{
	char path[96], buf[64] = "";
	int fd, len;

	snprintf(path, sizeof(path), "/sys/%s/loop%d/%s", dir, n, name);
	fd = open(path, O_RDONLY);
	len = fd < 0 ? -1 : (int)read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (len < 0) {
		printf("%s/loopN/%s: %s\n", dir, name, abi_errname(errno));
		return;
	}
	buf[len] = 0;
	if (!strcmp(name, "dev")) /* the minor is the host's */
		*strchr(buf, ':') = 0;
	printf("%s/loopN/%s: %s%s", dir, name, buf, strchr(buf, '\n') ? "" : "\n");
}

static void partitions(int n)
{
	char line[128], name[32], want[16];
	unsigned maj, min;
	unsigned long long blocks;
	FILE *p = fopen("/proc/partitions", "r");

	snprintf(want, sizeof(want), "loop%d", n);
	while (fgets(line, sizeof(line), p)) {
		if (sscanf(line, "%u %u %llu %31s", &maj, &min, &blocks, name) == 4 &&
		    !strcmp(name, want))
			printf("/proc/partitions: major %u, %llu KiB\n", maj, blocks);
	}
	fclose(p);
}

int main(void)
{
	char dev[32];
	int ctl, n, lo, f, v = 1;

	f = open("blkimg", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(ftruncate(f, 65536));
	ctl = open("/dev/loop-control", O_RDWR);
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	lo = open(dev, O_RDWR);
	SHOW(ioctl(lo, LOOP_SET_FD, f));
	attr("block", n, "size");
	attr("block", n, "ro");
	attr("block", n, "dev");
	attr("block", n, "queue/logical_block_size");
	attr("class/block", n, "size");
	attr("class/block", n, "partition");
	partitions(n);
	SHOW(ioctl(lo, BLKROSET, &v));
	attr("block", n, "ro");
	SHOW(ioctl(lo, BLKROGET, &v));
	printf("BLKROGET %d\n", v);
	SHOW(write(lo, "x", 1));
	v = 0;
	SHOW(ioctl(lo, BLKROSET, &v));
	SHOW(ioctl(lo, LOOP_CLR_FD));
	close(lo);
	partitions(n);
	attr("block", n, "size");
	close(ctl);
	close(f);
	unlink("blkimg");
	return 0;
}
