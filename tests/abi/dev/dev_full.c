/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/full: char device 1:7, writes fail with ENOSPC, reads return zeros. */
#include "abi.h"

#include <sys/sysmacros.h>

int main(void)
{
	char buf[32];
	struct stat st;
	int fd;

	SHOW(stat("/dev/full", &st));
	printf("S_ISCHR=%d rdev=%u:%u mode=%04o\n", S_ISCHR(st.st_mode), major(st.st_rdev),
	       minor(st.st_rdev), st.st_mode & 07777);
	fd = open("/dev/full", O_RDWR);
	SHOW(write(fd, "x", 1));
	SHOW(write(fd, "", 0));
	memset(buf, 'x', sizeof(buf));
	SHOW(read(fd, buf, sizeof(buf)));
	printf("buf[0]=%d buf[31]=%d\n", buf[0], buf[31]);
	SHOW(lseek(fd, 10, SEEK_SET));
	close(fd);
	return 0;
}
