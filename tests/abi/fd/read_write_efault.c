/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* read/write with bad buffers: EFAULT, or a short count when only the tail of the buffer is bad. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char page[8192];
	char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(page, 'e', sizeof(page));
	SHOW(write(fd, page, sizeof(page)));
	SHOW(munmap(p + 4096, 4096));
	SHOW(pread(fd, ABI_BADPTR, 10, 0));
	SHOW(pread(fd, ABI_KERNPTR, 10, 0));
	SHOW(pwrite(fd, ABI_BADPTR, 10, 0));
	SHOW(pread(fd, p + 4096 - 100, 1000, 0));
	memset(p, 'w', 4096);
	SHOW(pwrite(fd, p + 4096 - 100, 1000, 0));
	SHOW(lseek(fd, 0, SEEK_END));
	SHOW(pread(fd, ABI_BADPTR, 10, 8192));
	munmap(p, 4096);
	close(fd);
	unlink("f");
	return 0;
}
