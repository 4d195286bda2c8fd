/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* read/write on a regular file: counts, EOF, zero-length calls, EISDIR on a directory, EBADF. */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), dfd;
	char buf[32] = "";

	SHOW(write(fd, "hello world", 11));
	SHOW(write(fd, "", 0));
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(read(fd, buf, 5));
	printf("buf = \"%s\"\n", buf);
	SHOW(read(fd, buf, sizeof(buf)));
	SHOW(read(fd, buf, sizeof(buf)));
	SHOW(read(fd, buf, 0));
	SHOW(read(fd, NULL, 0));
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	SHOW(read(dfd, buf, sizeof(buf)));
	SHOW(write(dfd, buf, 1));
	SHOW(read(-1, buf, 1));
	SHOW(write(77, buf, 1));
	close(dfd);
	close(fd);
	SHOW(read(fd, buf, 1));
	unlink("f");
	return 0;
}
