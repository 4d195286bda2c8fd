/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MAP_PRIVATE file mappings show the file; writes are copy-on-write, never reach the file. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char page[4096], buf[8] = "";
	char *p, *q;

	memset(page, 'A', sizeof(page));
	SHOW(write(fd, page, sizeof(page)));
	memset(page, 'B', sizeof(page));
	SHOW(write(fd, page, sizeof(page)));
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	q = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	CHECK(p != MAP_FAILED && q != MAP_FAILED);
	printf("p[0]=%c p[4095]=%c p[4096]=%c q[0]=%c\n", p[0], p[4095], p[4096], q[0]);
	p[0] = 'x';
	p[4096] = 'y';
	SHOW(pread(fd, buf, 1, 0));
	printf("file byte 0 after private write: %c\n", buf[0]);
	printf("other mapping q[0]=%c\n", q[0]);
	SHOW(pwrite(fd, "Z", 1, 4097));
	printf("q[1]=%c (file change seen by an untouched page)\n", q[1]);
	printf("p[4097]=%c (copied page keeps its copy)\n", p[4097]);
	SHOW(munmap(p, 8192));
	SHOW(munmap(q, 4096));
	SHOW(pread(fd, buf, 2, 4096));
	printf("file at 4096: %.2s\n", buf);
	close(fd);
	unlink("f");
	return 0;
}
