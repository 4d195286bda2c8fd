/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* write() from, and read() into, a shared mapping of the very file written or read (a memfd, on tmpfs), its pages not yet touched: the copy faults them in while the file's own I/O runs. */
#include "abi.h"

#include <sys/mman.h>

#define PAGE 4096

int main(void)
{
	int fd = (int)syscall(SYS_memfd_create, "own", 0);
	char buf[PAGE], *p;
	size_t same = 0;

	if (fd < 0)
		return 1;
	memset(buf, 'a', sizeof(buf));
	SHOW(pwrite(fd, buf, PAGE, 0));
	SHOW(ftruncate(fd, 4 * PAGE)); /* pages 1..3: holes */
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 1;
	/* the source: page 0 through the mapping, untouched so far */
	SHOW(pwrite(fd, p, PAGE, PAGE));
	/* the destination: page 2 through the mapping (a hole), untouched */
	SHOW(pread(fd, p + 2 * PAGE, PAGE, 0));
	/* both at once: page 3 read into itself */
	SHOW(pread(fd, p + 3 * PAGE, PAGE, 3 * PAGE));
	for (int i = 0; i < PAGE; i++)
		same += p[PAGE + i] == 'a' && p[2 * PAGE + i] == 'a' && p[3 * PAGE + i] == 0;
	printf("pages 1 and 2 are page 0's bytes, page 3 zeros: %zu of %d\n", same, PAGE);
	/* a write past the end whose source is the mapping's last page */
	SHOW(pwrite(fd, p + 3 * PAGE, PAGE, 4 * PAGE));
	struct stat st;
	SHOW(fstat(fd, &st));
	printf("size %lld\n", (long long)st.st_size);
	munmap(p, 4 * PAGE);
	close(fd);
	return 0;
}
