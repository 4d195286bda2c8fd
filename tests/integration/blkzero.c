// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/*
 * Zeroing a block device: BLKZEROOUT, BLKDISCARD and fallocate
 * (ZERO_RANGE, PUNCH_HOLE) on a disk full of non-zero bytes, each result
 * and errno printed, and every zeroed range read back (through the cache
 * the node keeps, and once more after BLKFLSBUF from the disk itself).
 * The errnos are Linux's (block/ioctl.c blk_ioctl_zeroout and
 * blk_ioctl_discard, block/fops.c blkdev_fallocate).
 * usage: blkzero DEVICE   (tests/integration/virtio.sh, boot 3)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int fd;
static uint64_t size;

static const char *err_name(int r)
{
	static char buf[32];

	if (r == 0)
		return "0";
	switch (errno) {
	case EINVAL:
		return "EINVAL";
	case EBADF:
		return "EBADF";
	case EFAULT:
		return "EFAULT";
	case EOPNOTSUPP:
		return "EOPNOTSUPP";
	case EPERM:
		return "EPERM";
	}
	snprintf(buf, sizeof(buf), "errno %d", errno);
	return buf;
}

/* "zeros" if [off, off + len) reads as zeros, else where it does not */
static const char *zeros(uint64_t off, uint64_t len)
{
	static char buf[1 << 16], msg[64];

	while (len) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		if (pread(fd, buf, n, (off_t)off) != (ssize_t)n)
			return "short read";
		for (size_t i = 0; i < n; i++) {
			if (buf[i]) {
				snprintf(msg, sizeof(msg), "non-zero at %llu",
					 (unsigned long long)(off + i));
				return msg;
			}
		}
		off += n;
		len -= n;
	}
	return "zeros";
}

/* the byte at `off` is not zero (the bounds of a zeroed range stay) */
static const char *kept(uint64_t off)
{
	unsigned char c = 0;

	return pread(fd, &c, 1, (off_t)off) == 1 && c ? "kept" : "zeroed";
}

static int zeroout(int f, uint64_t start, uint64_t len)
{
	uint64_t r[2] = {start, len};

	return ioctl(f, BLKZEROOUT, r);
}

static int discard(int f, uint64_t start, uint64_t len)
{
	uint64_t r[2] = {start, len};

	return ioctl(f, BLKDISCARD, r);
}

int main(int argc, char **argv)
{
	char buf[4096];
	int ro, r;

	if (argc != 2)
		return 2;
	fd = open(argv[1], O_RDWR);
	ro = open(argv[1], O_RDONLY);
	if (fd < 0 || ro < 0 || ioctl(fd, BLKGETSIZE64, &size) < 0) {
		perror(argv[1]);
		return 1;
	}

	/* a cached block and a dirty one, both in the range zeroed next */
	if (pread(fd, buf, sizeof(buf), 8192) != sizeof(buf))
		return 1;
	memset(buf, 0x5a, sizeof(buf));
	if (pwrite(fd, buf, sizeof(buf), 16384) != sizeof(buf))
		return 1;
	/* each call before the reads that check it (argument order is unspecified) */
	r = zeroout(fd, 4096, 65536);
	printf("zeroout: %s\n", err_name(r));
	printf("zeroout reads: %s, ", zeros(4096, 65536));
	printf("before %s, ", kept(4095));
	printf("after %s\n", kept(4096 + 65536));
	printf("zeroout unaligned start: %s\n", err_name(zeroout(fd, 100, 512)));
	printf("zeroout unaligned length: %s\n", err_name(zeroout(fd, 0, 100)));
	printf("zeroout empty: %s\n", err_name(zeroout(fd, 4096, 0)));
	printf("zeroout past the end: %s\n", err_name(zeroout(fd, size - 512, 1024)));
	printf("zeroout read-only fd: %s\n", err_name(zeroout(ro, 0, 512)));
	printf("zeroout bad pointer: %s\n", err_name(ioctl(fd, BLKZEROOUT, (void *)16)));
	/* a large one over cached blocks: requests cut to the device's sizes */
	if (pread(fd, buf, sizeof(buf), 2 << 20) != sizeof(buf))
		return 1;
	r = zeroout(fd, 1 << 20, 3 << 20);
	printf("zeroout 3 MiB: %s, ", err_name(r));
	printf("reads %s\n", zeros(1 << 20, 3 << 20));

	r = fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 131072, 8192);
	printf("zero range: %s, ", err_name(r));
	printf("reads %s\n", zeros(131072, 8192));
	r = fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, (off_t)size - 4096, 65536);
	printf("zero range at the end, keep size: %s, ", err_name(r));
	printf("reads %s\n", zeros(size - 4096, 4096));
	printf("zero range past the end: %s\n",
	       err_name(fallocate(fd, FALLOC_FL_ZERO_RANGE, (off_t)size - 4096, 65536)));
	printf("zero range at the size: %s\n",
	       err_name(fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, (off_t)size,
				  4096)));
	printf("zero range unaligned: %s\n",
	       err_name(fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 100, 4096)));
	printf("punch hole: %s\n",
	       err_name(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 262144, 16384)));
	printf("allocate: %s\n", err_name(fallocate(fd, 0, 0, 4096)));
	printf("zero range on a read-only fd: %s\n",
	       err_name(fallocate(ro, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 0, 4096)));

	printf("discard: %s\n", err_name(discard(fd, 524288, 65536)));
	printf("discard empty: %s\n", err_name(discard(fd, 524288, 0)));
	printf("discard unaligned: %s\n", err_name(discard(fd, 100, 512)));
	printf("discard past the end: %s\n", err_name(discard(fd, size - 512, 1024)));
	printf("discard read-only fd: %s\n", err_name(discard(ro, 0, 512)));

	/* the disk itself, not the cache */
	if (ioctl(fd, BLKFLSBUF, 0) < 0)
		perror("BLKFLSBUF");
	printf("from the disk: %s, ", zeros(4096, 65536));
	printf("%s, ", zeros(1 << 20, 3 << 20));
	printf("%s\n", zeros(131072, 8192));
	return 0;
}
