/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fstat, newfstatat and statx with AT_EMPTY_PATH describe both ends of a pipe alike. */
/* abi: glibc */
#include <linux/stat.h>
#include "abi.h"

static void describe(const char *label, int fd)
{
	struct stat a, b;
	struct statx x;

	memset(&x, 0, sizeof(x));
	printf("%s:\n", label);
	SHOW(fstat(fd, &a));
	SHOW(syscall(SYS_newfstatat, fd, "", &b, AT_EMPTY_PATH));
	SHOW(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &x));
	printf("mode %06o nlink %lu size %lld blocks %lld blksize %ld uid %u gid %u rdev %llx\n",
	       a.st_mode, (unsigned long)a.st_nlink, (long long)a.st_size, (long long)a.st_blocks,
	       (long)a.st_blksize, a.st_uid, a.st_gid, (unsigned long long)a.st_rdev);
	FACT("newfstatat agrees", a.st_ino == b.st_ino && a.st_dev == b.st_dev &&
					  a.st_mode == b.st_mode && a.st_nlink == b.st_nlink);
	FACT("statx agrees", x.stx_ino == a.st_ino && x.stx_mode == a.st_mode &&
				     x.stx_nlink == a.st_nlink && x.stx_blksize == a.st_blksize);
	FACT("statx has the basic stats", (x.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);
}

int main(void)
{
	struct stat r, w;
	struct statx x;
	int p[2];

	SHOW(pipe(p));
	describe("read end", p[0]);
	describe("write end", p[1]);
	fstat(p[0], &r);
	fstat(p[1], &w);
	FACT("both ends are one inode", r.st_ino == w.st_ino && r.st_dev == w.st_dev);
	SHOW(syscall(SYS_newfstatat, p[0], "", &r, 0));
	SHOW(syscall(SYS_newfstatat, p[0], "x", &r, AT_EMPTY_PATH));
	SHOW(syscall(SYS_newfstatat, 99, "", &r, AT_EMPTY_PATH));
	SHOW(syscall(SYS_statx, 99, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &x));
	/* Linux 6.11 takes a NULL path with AT_EMPTY_PATH for the stat calls */
	SHOW(syscall(SYS_newfstatat, p[0], NULL, &r, AT_EMPTY_PATH));
	SHOW(syscall(SYS_statx, p[1], NULL, AT_EMPTY_PATH, STATX_BASIC_STATS, &x));
	SHOW(syscall(SYS_newfstatat, AT_FDCWD, NULL, &r, AT_EMPTY_PATH));
	SHOW(syscall(SYS_newfstatat, p[0], NULL, &r, 0));
	SHOW(syscall(SYS_newfstatat, 99, NULL, &r, AT_EMPTY_PATH));
	close(p[0]);
	close(p[1]);
	return 0;
}
