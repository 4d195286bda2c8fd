/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* truncate/ftruncate: zero growth, shrink, offset kept; EINVAL, EISDIR, EBADF, pipes. */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), ro, p[2];
	char buf[16];
	struct stat st;

	SHOW(write(fd, "abcdef", 6));
	SHOW(ftruncate(fd, 3));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(truncate("f", 10));
	SHOW(pread(fd, buf, 16, 0));
	printf("bytes: %c%c%c %d %d %d\n", buf[0], buf[1], buf[2], buf[3], buf[5], buf[9]);
	SHOW(ftruncate(fd, 0));
	fstat(fd, &st);
	printf("size %lld\n", (long long)st.st_size);
	SHOW(ftruncate(fd, -1));
	SHOW(truncate("f", -1));
	mkdir("d", 0755);
	SHOW(truncate("d", 0));
	SHOW(truncate("missing", 0));
	SHOW(truncate("f/x", 0));
	ro = open("f", O_RDONLY);
	SHOW(ftruncate(ro, 0));
	SHOW(ftruncate(99, 0));
	SHOW(pipe(p));
	SHOW(ftruncate(p[1], 0));
	SHOW(syscall(SYS_truncate, ABI_BADPTR, 0));
	close(fd);
	close(ro);
	unlink("f");
	rmdir("d");
	return 0;
}
