/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pread/pwrite keep the offset, leave zero holes, EINVAL/ESPIPE; O_APPEND beats the offset. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), p[2];
	char buf[16] = "";

	SHOW(write(fd, "0123456789", 10));
	SHOW(lseek(fd, 3, SEEK_SET));
	SHOW(pread(fd, buf, 4, 5));
	printf("buf = \"%s\"\n", buf);
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(pwrite(fd, "XY", 2, 14));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(pread(fd, buf, 16, 8));
	printf("bytes 8..15: %c %c %d %d %d %d %c %c\n", buf[0], buf[1], buf[2], buf[3], buf[4],
	       buf[5], buf[6], buf[7]);
	SHOW(pread(fd, buf, 4, 16));
	SHOW(pread(fd, buf, 4, -1));
	SHOW(pwrite(fd, buf, 4, -1));
	SHOW(pipe(p));
	SHOW(pread(p[0], buf, 1, 0));
	SHOW(pwrite(p[1], buf, 1, 0));
	close(fd);
	fd = open("f", O_RDWR | O_APPEND);
	SHOW(pwrite(fd, "A", 1, 0));
	SHOW(pread(fd, buf, 2, 0));
	printf("byte 0 is still '%c'; size now %ld\n", buf[0], (long)lseek(fd, 0, SEEK_END));
	close(fd);
	unlink("f");
	return 0;
}
