/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* copy_file_range: file positions or offset pointers, short at EOF, 0 past it, within one file. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int in, out;
	loff_t oi, oo;
	char buf[32] = "";

	abi_make_file("in", "0123456789");
	in = open("in", O_RDWR);
	out = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	SHOW(lseek(in, 4, SEEK_SET));
	SHOW(syscall(SYS_copy_file_range, in, NULL, out, NULL, 3, 0));
	SHOW(lseek(in, 0, SEEK_CUR));
	SHOW(lseek(out, 0, SEEK_CUR));
	oi = 8;
	oo = 6;
	SHOW(syscall(SYS_copy_file_range, in, &oi, out, &oo, 100, 0));
	printf("oi = %ld, oo = %ld\n", (long)oi, (long)oo);
	SHOW(lseek(in, 0, SEEK_CUR));
	SHOW(lseek(out, 0, SEEK_CUR));
	SHOW(syscall(SYS_copy_file_range, in, &oi, out, &oo, 100, 0));
	oi = 100;
	SHOW(syscall(SYS_copy_file_range, in, &oi, out, NULL, 5, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, out, NULL, 0, 0));
	SHOW(pread(out, buf, sizeof(buf) - 1, 0));
	printf("out = \"%.3s\" %d %d %d \"%.2s\"\n", buf, buf[3], buf[4], buf[5], buf + 6);
	/* one file, ranges that do not overlap */
	oi = 0;
	oo = 20;
	SHOW(syscall(SYS_copy_file_range, in, &oi, in, &oo, 4, 0));
	SHOW(pread(in, buf, sizeof(buf) - 1, 0));
	printf("in tail = \"%.4s\"\n", buf + 20);
	close(in);
	close(out);
	unlink("in");
	unlink("out");
	return 0;
}
