/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_FSIZE bounds growth by truncate, ftruncate and fallocate (EFBIG); shrinking is always allowed. */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

int main(void)
{
	struct rlimit r = {4096, 4096};
	struct stat st;
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);

	signal(SIGXFSZ, SIG_IGN);
	SHOW(ftruncate(fd, 8192));
	SHOW(setrlimit(RLIMIT_FSIZE, &r));
	SHOW(ftruncate(fd, 5000));
	SHOW(ftruncate(fd, 4096));
	SHOW(ftruncate(fd, 4097));
	SHOW(truncate("f", 100));
	SHOW(truncate("f", 4097));
	SHOW(truncate("f", 4096));
	SHOW(fallocate(fd, 0, 0, 4096));
	SHOW(fallocate(fd, 0, 4000, 200));
	SHOW(fallocate(fd, 0, 8192, 1));
	fstat(fd, &st);
	printf("size: %lld\n", (long long)st.st_size);
	SHOW(write(fd, "x", 1));
	close(fd);
	unlink("f");
	return 0;
}
