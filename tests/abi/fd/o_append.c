/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_APPEND: every write goes to the end, whatever the offset, and leaves the offset there. */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644);
	char buf[32] = "";

	SHOW(write(fd, "abc", 3));
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(write(fd, "def", 3));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(lseek(fd, 1, SEEK_SET));
	SHOW(read(fd, buf, 2));
	printf("read \"%s\"\n", buf);
	SHOW(write(fd, "g", 1));
	SHOW(pread(fd, buf, sizeof(buf) - 1, 0));
	printf("file: \"%s\"\n", buf);
	close(fd);
	unlink("f");
	return 0;
}
