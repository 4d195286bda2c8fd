/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MADV_DONTNEED: private anon pages reread zero, private file pages the file; shared kept. */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int prot = PROT_READ | PROT_WRITE;
	char *anon = mmap(NULL, 8192, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shared = mmap(NULL, 4096, prot, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *file;
	int fd;

	abi_make_file("f", "file contents");
	fd = open("f", O_RDONLY);
	file = mmap(NULL, 4096, prot, MAP_PRIVATE, fd, 0);
	CHECK(anon != MAP_FAILED && shared != MAP_FAILED && file != MAP_FAILED);
	memset(anon, 'a', 8192);
	shared[0] = 's';
	file[0] = 'F';
	SHOW(madvise(anon, 4096, MADV_DONTNEED));
	printf("anon: page 0 byte = %d, page 1 byte = %c\n", anon[0], anon[4096]);
	SHOW(madvise(file, 4096, MADV_DONTNEED));
	printf("file: %.4s\n", file);
	SHOW(madvise(shared, 4096, MADV_DONTNEED));
	printf("shared: %c\n", shared[0]);
	SHOW(madvise(anon + 1, 4096, MADV_DONTNEED));
	SHOW(madvise(anon, 4096, 12345));
	SHOW(munmap(anon + 4096, 4096));
	SHOW(madvise(anon, 8192, MADV_DONTNEED));
	munmap(anon, 4096);
	munmap(shared, 4096);
	munmap(file, 4096);
	close(fd);
	unlink("f");
	return 0;
}
