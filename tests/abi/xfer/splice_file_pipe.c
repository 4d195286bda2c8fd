/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* splice file to pipe and pipe to file, with offset pointers or the file position. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int in, out, p[2];
	loff_t off;
	char buf[32] = "";

	abi_make_file("in", "0123456789");
	in = open("in", O_RDONLY);
	out = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	SHOW(pipe(p));
	SHOW(splice(in, NULL, p[1], NULL, 4, 0));
	SHOW(lseek(in, 0, SEEK_CUR));
	off = 7;
	SHOW(splice(in, &off, p[1], NULL, 100, SPLICE_F_MOVE | SPLICE_F_MORE));
	printf("off = %ld\n", (long)off);
	SHOW(lseek(in, 0, SEEK_CUR));
	SHOW(splice(in, &off, p[1], NULL, 100, 0));
	SHOW(splice(p[0], NULL, out, NULL, 2, 0));
	SHOW(lseek(out, 0, SEEK_CUR));
	off = 10;
	SHOW(splice(p[0], NULL, out, &off, 100, 0));
	printf("off = %ld\n", (long)off);
	SHOW(lseek(out, 0, SEEK_CUR));
	SHOW(pread(out, buf, sizeof(buf) - 1, 0));
	printf("out = \"%.2s\" %d \"%s\"\n", buf, buf[2], buf + 10);
	/* an empty pipe without writers is end of file */
	close(p[1]);
	SHOW(splice(p[0], NULL, out, NULL, 100, 0));
	SHOW(splice(in, NULL, p[1], NULL, 100, 0));
	close(in);
	close(out);
	close(p[0]);
	unlink("in");
	unlink("out");
	return 0;
}
