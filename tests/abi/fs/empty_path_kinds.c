/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* AT_EMPTY_PATH stats any descriptor: a device, a directory, an O_PATH fd, an unlinked file. */
/* abi: glibc */
#include <linux/stat.h>
#include "abi.h"

static void describe(const char *label, int fd)
{
	struct stat a, b;
	struct statx x;

	memset(&x, 0, sizeof(x));
	printf("%s: fstat = %d", label, fstat(fd, &a) ? -1 : 0);
	printf(", newfstatat = %ld",
	       (long)syscall(SYS_newfstatat, fd, "", &b, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
	printf(", statx = %ld\n",
	       (long)syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &x));
	printf("  type %o perm %04o nlink %lu\n", a.st_mode & S_IFMT, a.st_mode & 07777,
	       (unsigned long)a.st_nlink);
	FACT("  all three agree", a.st_ino == b.st_ino && a.st_dev == b.st_dev &&
					  a.st_mode == b.st_mode && x.stx_ino == a.st_ino &&
					  x.stx_mode == a.st_mode && x.stx_nlink == a.st_nlink &&
					  (long long)x.stx_size == (long long)a.st_size);
}

int main(void)
{
	int fd;

	describe("/dev/null", open("/dev/null", O_RDONLY));
	describe("/dev/zero", open("/dev/zero", O_RDWR));
	describe("directory", open(".", O_RDONLY | O_DIRECTORY));
	abi_make_file("f", "hello");
	describe("O_PATH file", open("f", O_PATH));
	symlink("f", "l");
	describe("O_PATH|O_NOFOLLOW symlink", open("l", O_PATH | O_NOFOLLOW));
	fd = open("f", O_RDWR);
	unlink("l");
	unlink("f");
	describe("unlinked file", fd);
	return 0;
}
