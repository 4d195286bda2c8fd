/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* lseek errors: EINVAL (negative result, whence), ESPIPE, EBADF, ENXIO for SEEK_DATA past EOF. */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), p[2];

	SHOW(write(fd, "abcdef", 6));
	SHOW(lseek(fd, -1, SEEK_SET));
	SHOW(lseek(fd, -7, SEEK_END));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(lseek(fd, 0, 7));
	SHOW(lseek(fd, 0, -1));
	SHOW(lseek(fd, 10, SEEK_DATA));
	SHOW(lseek(fd, 10, SEEK_HOLE));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(pipe(p));
	SHOW(lseek(p[0], 0, SEEK_CUR));
	SHOW(lseek(p[1], 0, SEEK_SET));
	SHOW(lseek(99, 0, SEEK_SET));
	close(fd);
	unlink("f");
	return 0;
}
