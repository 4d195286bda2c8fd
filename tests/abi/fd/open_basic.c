/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* open: O_CREAT/O_EXCL/O_TRUNC, lowest free fds, access modes enforced, mode & ~umask. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	struct stat st;
	char c;

	SHOW(open("f", O_RDONLY));
	SHOW(open("f", O_RDWR | O_CREAT, 0600));
	SHOW(write(3, "abc", 3));
	SHOW(open("f", O_RDWR | O_CREAT | O_EXCL, 0600));
	SHOW(open("f", O_RDONLY));
	SHOW(write(4, "x", 1));
	SHOW(read(4, &c, 1));
	SHOW(open("f", O_WRONLY));
	SHOW(read(5, &c, 1));
	SHOW(open("f", O_RDONLY | O_WRONLY | O_RDWR));
	SHOW(read(6, &c, 1));
	SHOW(write(6, &c, 1));
	SHOW(open("f", O_RDWR | O_TRUNC));
	SHOW(fstat(7, &st));
	printf("size after O_TRUNC = %lld, mode = %04o\n", (long long)st.st_size,
	       st.st_mode & 07777);
	SHOW(open("g", O_WRONLY | O_CREAT | O_EXCL, 0777));
	SHOW(stat("g", &st));
	printf("mode of g (0777 & ~022) = %04o\n", st.st_mode & 07777);
	SHOW(unlink("f"));
	SHOW(unlink("g"));
	return 0;
}
