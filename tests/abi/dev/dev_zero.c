/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/zero (1:5): reads are zeros, writes succeed, a private mapping is zeroed and writable. */
#include "abi.h"

#include <sys/mman.h>
#include <sys/sysmacros.h>

int main(void)
{
	static char buf[100000];
	struct stat st;
	size_t i, nonzero = 0;
	char *p;
	int fd;

	SHOW(stat("/dev/zero", &st));
	printf("S_ISCHR=%d rdev=%u:%u mode=%04o\n", S_ISCHR(st.st_mode), major(st.st_rdev),
	       minor(st.st_rdev), st.st_mode & 07777);
	fd = open("/dev/zero", O_RDWR);
	memset(buf, 'x', sizeof(buf));
	SHOW(read(fd, buf, sizeof(buf)));
	for (i = 0; i < sizeof(buf); i++)
		nonzero += buf[i] != 0;
	printf("nonzero bytes: %zu\n", nonzero);
	SHOW(write(fd, buf, 123));
	SHOW(read(fd, ABI_BADPTR, 10));
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	printf("mapping: %d %d\n", p[0], p[8191]);
	p[0] = 'w';
	abi_probe("write to the mapping", p + 4096, 1);
	munmap(p, 8192);
	close(fd);
	return 0;
}
