/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readv/writev check the whole vector first: a kernel address, a negative length or an unreadable vector fail it all. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>
#include <sys/uio.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[8] = "abcdefg";
	struct iovec kern[2] = {{buf, 4}, {ABI_KERNPTR, 4}};
	struct iovec negative[2] = {{buf, 4}, {buf, (size_t)-1}};
	struct iovec unmapped[2] = {{buf, 4}, {ABI_BADPTR, 4}};
	struct iovec *edge =
		mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct stat st;

	SHOW(munmap((char *)edge + 4096, 4096));
	edge = (struct iovec *)((char *)edge + 4096 - sizeof(*edge));
	edge[0] = (struct iovec){buf, 4};
	SHOW(writev(fd, kern, 2));
	SHOW(writev(fd, negative, 2));
	SHOW(writev(fd, edge, 2));
	SHOW(fstat(fd, &st));
	SHOW(st.st_size);
	SHOW(writev(fd, unmapped, 2));
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(readv(fd, kern, 2));
	SHOW(readv(fd, negative, 2));
	SHOW(readv(fd, edge, 2));
	SHOW(preadv(fd, kern, 2, 0));
	SHOW(pwritev(fd, edge, 2, 0));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(readv(fd, edge, 1));
	close(fd);
	unlink("f");
	return 0;
}
