/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/random (1:8), /dev/urandom (1:9): random bytes, different each read; writes accepted. */
/* abi: glibc */
#include "abi.h"

#include <sys/sysmacros.h>

static void check(const char *path)
{
	unsigned char a[64], b[64];
	struct stat st;
	int fd, i, zero = 0;

	stat(path, &st);
	printf("%s: S_ISCHR=%d rdev=%u:%u mode=%04o\n", path, S_ISCHR(st.st_mode),
	       major(st.st_rdev), minor(st.st_rdev), st.st_mode & 07777);
	fd = open(path, O_RDWR);
	SHOW(read(fd, a, sizeof(a)));
	SHOW(read(fd, b, sizeof(b)));
	for (i = 0; i < 64; i++)
		zero += a[i] == 0;
	FACT("  not all zero", zero < 64);
	FACT("  two reads differ", memcmp(a, b, sizeof(a)) != 0);
	SHOW(write(fd, "seed", 4));
	SHOW(read(fd, ABI_BADPTR, 8));
	close(fd);
}

int main(void)
{
	check("/dev/random");
	check("/dev/urandom");
	return 0;
}
