/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mincore: touched anonymous pages and a file's pages are resident; errors EINVAL, ENOMEM, EFAULT. */
#include "abi.h"
#include <sys/mman.h>

static void show_vec(const char *label, const unsigned char *v, int n)
{
	printf("%s:", label);
	for (int i = 0; i < n; i++)
		printf(" %d", v[i] & 1);
	printf("\n");
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char vec[8];
	char *p, *f;
	int fd;

	p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	p[2 * pg] = 1;
	memset(vec, 9, sizeof(vec));
	SHOW(mincore(p, 4 * pg, vec));
	show_vec("anon, pages 0 and 2 touched", vec, 4);
	SHOW(mincore(p, pg + 1, vec)); /* the length is rounded up */
	show_vec("length pg+1", vec, 2);
	SHOW(mincore(p, 0, vec));
	SHOW(mincore(p, 0, ABI_BADPTR));
	SHOW(mincore(p + 1, pg, vec));
	SHOW(mincore(p, pg, ABI_BADPTR));
	SHOW(mincore(p, pg, ABI_KERNPTR));
	SHOW(munmap(p + 3 * pg, pg));
	memset(vec, 9, sizeof(vec));
	SHOW(mincore(p, 4 * pg, vec)); /* a hole ends it */
	show_vec("before the hole", vec, 3);
	SHOW(mincore(p + 3 * pg, pg, vec));
	SHOW(mincore(p + 3 * pg, pg, ABI_KERNPTR));
	SHOW(mincore((void *)-4096L, pg, vec));
	munmap(p, 3 * pg);

	abi_make_file("f", "");
	fd = open("f", O_RDWR);
	SHOW(ftruncate(fd, 2 * pg));
	SHOW(pwrite(fd, "data", 4, 0));
	SHOW(pwrite(fd, "data", 4, pg));
	f = mmap(NULL, 3 * pg, PROT_READ, MAP_SHARED, fd, 0);
	SHOW(mincore(f, 3 * pg, vec)); /* in the page cache, untouched here; past EOF not */
	show_vec("file of 2 pages, mapped 3", vec, 3);
	munmap(f, 3 * pg);
	close(fd);
	unlink("f");
	return 0;
}
