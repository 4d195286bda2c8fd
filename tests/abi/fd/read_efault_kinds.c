/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A read running into an unmapped page returns the bytes before it, whatever the file kind. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

static void try(const char *path, int flags, int sized)
{
	char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open(path, flags);

	munmap(p + 4096, 4096);
	printf("%s:\n", path);
	SHOW(read(fd, p + 4096 - 100, 1000));
	SHOW(read(fd, p + 4096, 1000));
	if (sized) /* enough bytes left to fill the good part */
		SHOW(read(fd, p + 4096 - 3000, 5000));
	munmap(p, 4096);
	close(fd);
}

int main(void)
{
	char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/null", O_WRONLY);

	try("/proc/self/exe", O_RDONLY, 1); /* the initramfs in Kevlar */
	try("/proc/self/maps", O_RDONLY, 0);
	try("/dev/zero", O_RDONLY, 1);
	try("/dev/urandom", O_RDONLY, 1);
	SHOW(munmap(p + 4096, 4096));
	SHOW(write(fd, p + 4096 - 100, 1000)); /* /dev/null does not look */
	close(fd);
	fd = open("/dev/urandom", O_WRONLY);
	SHOW(write(fd, p + 4096 - 100, 1000));
	SHOW(write(fd, p + 4096, 1000));
	close(fd);
	munmap(p, 4096);
	return 0;
}
