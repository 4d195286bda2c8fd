/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Pipe I/O with a buffer running into an unmapped page: whole buffers or EFAULT, no data lost. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *edge = p + 4096 - 100, big[16384];
	int fd[2];

	memset(p, 'm', 8192);
	SHOW(munmap(p + 8192, 4096));
	SHOW(munmap(p + 4096, 4096));
	SHOW(pipe2(fd, O_NONBLOCK));
	SHOW(write(fd[1], "abcdefghij", 10));
	SHOW(write(fd[1], big, 5000));
	SHOW(read(fd[0], edge, 1000)); /* the first buffer does not fit: nothing read */
	SHOW(read(fd[0], big, sizeof(big)));
	CHECK(big[0] == 'a' && big[9] == 'j');
	SHOW(write(fd[1], "x", 1));
	SHOW(read(fd[0], edge, 1));
	SHOW(write(fd[1], edge, 1000));
	SHOW(write(fd[1], "y", 1));
	SHOW(write(fd[1], edge, 1000)); /* the merge into the last buffer */
	SHOW(read(fd[0], big, sizeof(big)));
	SHOW(mmap(p + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		  -1, 0) == p + 4096);
	SHOW(write(fd[1], p + 100, 8192)); /* one whole page, then a fault */
	SHOW(read(fd[0], big, sizeof(big)));
	close(fd[0]);
	close(fd[1]);
	munmap(p, 8192);
	return 0;
}
