/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* lseek: SEEK_SET/CUR/END; seeking past EOF is allowed and a write there leaves a zero hole. */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[8];
	struct stat st;

	SHOW(write(fd, "abcdef", 6));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(lseek(fd, 2, SEEK_SET));
	SHOW(lseek(fd, 1, SEEK_CUR));
	SHOW(lseek(fd, -2, SEEK_CUR));
	SHOW(lseek(fd, -1, SEEK_END));
	SHOW(read(fd, buf, 8));
	printf("last byte: %c\n", buf[0]);
	SHOW(lseek(fd, 100, SEEK_END));
	SHOW(fstat(fd, &st));
	printf("size before write: %lld\n", (long long)st.st_size);
	SHOW(write(fd, "Z", 1));
	SHOW(fstat(fd, &st));
	printf("size after write: %lld\n", (long long)st.st_size);
	SHOW(pread(fd, buf, 3, 6));
	printf("hole bytes: %d %d %d\n", buf[0], buf[1], buf[2]);
	close(fd);
	unlink("f");
	return 0;
}
