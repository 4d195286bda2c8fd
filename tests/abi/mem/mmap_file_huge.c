/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A file mapping larger than the machine's memory: shared or read-only maps (nothing to reserve); private writable is ENOMEM. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

#define HUGE (1ull << 40) /* 1 TiB: more than RAM + swap on any test machine */

int main(void)
{
	int fd = open("huge", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *p;

	SHOW(fd >= 0);
	SHOW(ftruncate(fd, HUGE));
	SHOW(pwrite(fd, "x", 1, HUGE - 1));
	p = mmap(NULL, HUGE, PROT_READ, MAP_SHARED, fd, 0);
	SHOW(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		printf("last byte %c, first byte %d\n", p[HUGE - 1], p[0]);
		SHOW(munmap(p, HUGE));
	}
	p = mmap(NULL, HUGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	SHOW(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		p[HUGE - 2] = 'y';
		SHOW(munmap(p, HUGE));
	}
	p = mmap(NULL, HUGE, PROT_READ, MAP_PRIVATE, fd, 0);
	SHOW(p != MAP_FAILED);
	if (p != MAP_FAILED)
		SHOW(munmap(p, HUGE));
	SHOW(mmap(NULL, HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) == MAP_FAILED ? -1 : 0);
	SHOW(mmap(NULL, HUGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0);
	char c = 0;

	SHOW(pread(fd, &c, 1, HUGE - 2));
	printf("written through the shared map: %c\n", c);
	SHOW(unlink("huge"));
	return 0;
}
