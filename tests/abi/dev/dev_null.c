/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/null: char device 1:3, mode 0666, reads EOF, swallows writes, seeks to 0. */
#include "abi.h"

#include <sys/sysmacros.h>

int main(void)
{
	char buf[64];
	struct stat st;
	int fd;

	SHOW(stat("/dev/null", &st));
	printf("S_ISCHR=%d rdev=%u:%u mode=%04o\n", S_ISCHR(st.st_mode), major(st.st_rdev),
	       minor(st.st_rdev), st.st_mode & 07777);
	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0);
	SHOW(read(fd, buf, sizeof(buf)));
	SHOW(write(fd, buf, sizeof(buf)));
	SHOW(write(fd, buf, 0));
	SHOW(lseek(fd, 100, SEEK_SET));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(write(fd, ABI_BADPTR, 10));
	SHOW(read(fd, ABI_BADPTR, 10));
	close(fd);
	return 0;
}
