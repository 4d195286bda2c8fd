/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* statx returns the basic stats matching stat (type, mode, size, links, owner, inode, device). */
#include <linux/stat.h>
#include "abi.h"

#include <sys/sysmacros.h>

static long sys_statx(int dfd, const char *path, int flags, unsigned mask, struct statx *stx)
{
	return syscall(SYS_statx, dfd, path, flags, mask, stx);
}

int main(void)
{
	struct statx stx;
	struct stat st;
	int fd;

	abi_make_file("f", "hello statx");
	symlink("f", "l");
	SHOW(stat("f", &st));
	memset(&stx, 0xff, sizeof(stx));
	SHOW(sys_statx(AT_FDCWD, "f", 0, STATX_BASIC_STATS, &stx));
	FACT("basic stats all in stx_mask",
	     (stx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);
	printf("stx_mode=%o stx_size=%llu stx_nlink=%u\n", stx.stx_mode,
	       (unsigned long long)stx.stx_size, stx.stx_nlink);
	FACT("mode matches stat", stx.stx_mode == st.st_mode);
	FACT("owner matches", stx.stx_uid == st.st_uid && stx.stx_gid == st.st_gid);
	FACT("inode matches", stx.stx_ino == st.st_ino);
	FACT("device matches", makedev(stx.stx_dev_major, stx.stx_dev_minor) == st.st_dev);
	FACT("mtime matches", (long long)stx.stx_mtime.tv_sec == (long long)st.st_mtime);
	FACT("blksize matches", stx.stx_blksize == st.st_blksize);
	SHOW(sys_statx(AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, STATX_TYPE, &stx));
	printf("symlink: S_ISLNK=%d\n", S_ISLNK(stx.stx_mode));
	SHOW(sys_statx(AT_FDCWD, "l", 0, STATX_TYPE | STATX_SIZE, &stx));
	printf("followed: S_ISREG=%d size=%llu\n", S_ISREG(stx.stx_mode),
	       (unsigned long long)stx.stx_size);
	fd = open("f", O_RDONLY);
	SHOW(sys_statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &stx));
	printf("AT_EMPTY_PATH: size=%llu\n", (unsigned long long)stx.stx_size);
	SHOW(sys_statx(AT_FDCWD, "f", AT_STATX_DONT_SYNC, 0, &stx));
	close(fd);
	unlink("l");
	unlink("f");
	return 0;
}
