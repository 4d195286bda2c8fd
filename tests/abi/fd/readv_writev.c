/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readv/writev gather and scatter in order, skipping empty iovecs; iovcnt 0 is a no-op. */
/* abi: glibc */
#include "abi.h"

#include <sys/uio.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char a[4] = "", b[8] = "", c[16] = "";
	struct iovec w[4] = {{"one-", 4}, {"", 0}, {"two-", 4}, {"three", 5}};
	struct iovec r[3] = {{a, 3}, {b, 0}, {c, 15}};

	SHOW(writev(fd, w, 4));
	SHOW(writev(fd, w, 0));
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(readv(fd, r, 3));
	printf("a = \"%s\", b = \"%s\", c = \"%s\"\n", a, b, c);
	SHOW(readv(fd, r, 3));
	SHOW(preadv(fd, r, 1, 4));
	printf("a = \"%s\"\n", a);
	SHOW(pwritev(fd, w + 2, 1, 0));
	SHOW(pread(fd, c, 13, 0));
	printf("c = \"%.13s\"\n", c);
	close(fd);
	unlink("f");
	return 0;
}
