/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Mapping past EOF: the last page's tail reads zero, pages beyond raise SIGBUS BUS_ADRERR. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *p;

	SHOW(write(fd, "hello", 5));
	p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	printf("p[0..4]=%.5s p[5]=%d p[4095]=%d\n", p, p[5], p[4095]);
	abi_probe("read page 2", p + 4096, 0);
	abi_probe("write page 3", p + 2 * 4096 + 10, 1);
	SHOW(ftruncate(fd, 4097));
	abi_probe("read page 2 after ftruncate", p + 4096, 0);
	SHOW(ftruncate(fd, 0));
	abi_probe("read page 1 after truncating to 0", p, 0);
	munmap(p, 3 * 4096);
	close(fd);
	unlink("f");
	return 0;
}
