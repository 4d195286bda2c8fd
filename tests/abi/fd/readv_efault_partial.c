/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readv/writev/preadv(2)/pwritev: a vector running into an unmapped page transfers up to the fault. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>
#include <sys/uio.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *edge = p + 4096 - 100, page[4096], head[10];
	struct iovec good_then_edge[2] = {{head, 10}, {edge, 1000}};
	struct iovec edge_then_good[2] = {{edge, 1000}, {head, 10}};
	struct stat st;

	memset(page, 'f', sizeof(page));
	memset(p, 'm', 4096);
	SHOW(munmap(p + 4096, 4096));
	SHOW(write(fd, page, sizeof(page)));
	SHOW(preadv(fd, good_then_edge, 2, 0));
	SHOW(preadv(fd, edge_then_good, 2, 0));
	SHOW(syscall(SYS_preadv2, fd, good_then_edge, 2, 0, 0, 0));
	CHECK(edge[99] == 'f' && head[0] == 'f');
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(readv(fd, good_then_edge, 2));
	SHOW(lseek(fd, 0, SEEK_CUR));
	memset(edge, 'm', 100);
	SHOW(pwritev(fd, edge_then_good, 2, 5000));
	SHOW(fstat(fd, &st));
	SHOW(st.st_size);
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(writev(fd, good_then_edge, 2));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(pread(fd, page, 200, 5000));
	CHECK(page[0] == 'm' && page[99] == 'm');
	munmap(p, 4096);
	close(fd);
	unlink("f");
	return 0;
}
