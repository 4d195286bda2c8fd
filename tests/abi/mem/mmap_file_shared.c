/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MAP_SHARED file mappings and read/write see each other; data outlives munmap. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[16] = "";
	char *p;

	SHOW(ftruncate(fd, 8192));
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	printf("fresh mapping is zero: %s\n", p[0] == 0 && p[8191] == 0 ? "yes" : "no");
	memcpy(p + 4096, "mapped", 6);
	SHOW(pread(fd, buf, 6, 4096));
	printf("read() sees: %s\n", buf);
	SHOW(pwrite(fd, "written", 7, 10));
	printf("mapping sees: %.7s\n", p + 10);
	SHOW(msync(p, 8192, MS_SYNC));
	SHOW(munmap(p, 8192));
	memset(buf, 0, sizeof(buf));
	SHOW(pread(fd, buf, 6, 4096));
	printf("after munmap the file has: %s\n", buf);
	close(fd);
	unlink("f");
	return 0;
}
