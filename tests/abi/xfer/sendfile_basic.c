/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendfile file to file: NULL offset moves in_fd's position, a pointer updates only *offset. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int in, out;
	off_t off;
	char buf[32];

	abi_make_file("in", "0123456789");
	in = open("in", O_RDONLY);
	out = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	SHOW(lseek(in, 2, SEEK_SET));
	SHOW(syscall(SYS_sendfile, out, in, NULL, 3));
	SHOW(lseek(in, 0, SEEK_CUR));
	SHOW(lseek(out, 0, SEEK_CUR));
	off = 6;
	SHOW(syscall(SYS_sendfile, out, in, &off, 100));
	printf("off = %ld\n", (long)off);
	SHOW(lseek(in, 0, SEEK_CUR));
	SHOW(syscall(SYS_sendfile, out, in, &off, 100));
	printf("off = %ld\n", (long)off);
	off = 50;
	SHOW(syscall(SYS_sendfile, out, in, &off, 10));
	printf("off = %ld\n", (long)off);
	SHOW(syscall(SYS_sendfile, out, in, NULL, 0));
	SHOW(syscall(SYS_sendfile, out, in, NULL, 100));
	SHOW(lseek(in, 0, SEEK_CUR));
	SHOW(syscall(SYS_sendfile, out, in, NULL, 100));
	SHOW(pread(out, buf, sizeof(buf) - 1, 0));
	buf[12] = '\0';
	printf("out = \"%s\"\n", buf);
	/* the output at an offset: sendfile writes at out's position */
	SHOW(lseek(out, 1, SEEK_SET));
	off = 0;
	SHOW(syscall(SYS_sendfile, out, in, &off, 2));
	SHOW(lseek(out, 0, SEEK_CUR));
	SHOW(pread(out, buf, 4, 0));
	buf[4] = '\0';
	printf("out = \"%s\"\n", buf);
	close(in);
	close(out);
	unlink("in");
	unlink("out");
	return 0;
}
