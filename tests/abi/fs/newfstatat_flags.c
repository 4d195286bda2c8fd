/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* newfstatat: dirfd, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH; EINVAL/EBADF/ENOTDIR/ENOENT. */
#include "abi.h"

static long sys_fstatat(int dfd, const char *path, struct stat *st, int flags)
{
	return syscall(SYS_newfstatat, dfd, path, st, flags);
}

int main(void)
{
	struct stat st;
	int dfd, ffd;

	mkdir("d", 0755);
	abi_make_file("d/f", "abc");
	symlink("f", "d/l");
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	ffd = open("d/f", O_RDONLY);
	SHOW(sys_fstatat(dfd, "f", &st, 0));
	printf("size %lld\n", (long long)st.st_size);
	SHOW(sys_fstatat(dfd, "l", &st, 0));
	printf("follows: S_ISREG=%d\n", S_ISREG(st.st_mode));
	SHOW(sys_fstatat(dfd, "l", &st, AT_SYMLINK_NOFOLLOW));
	printf("nofollow: S_ISLNK=%d\n", S_ISLNK(st.st_mode));
	SHOW(sys_fstatat(ffd, "", &st, AT_EMPTY_PATH));
	printf("AT_EMPTY_PATH on a file fd: S_ISREG=%d size %lld\n", S_ISREG(st.st_mode),
	       (long long)st.st_size);
	SHOW(sys_fstatat(dfd, "", &st, AT_EMPTY_PATH));
	printf("AT_EMPTY_PATH on a dir fd: S_ISDIR=%d\n", S_ISDIR(st.st_mode));
	SHOW(sys_fstatat(ffd, "", &st, 0));
	SHOW(sys_fstatat(dfd, "f", &st, 0x1));
	SHOW(sys_fstatat(dfd, "f", &st, 0x10000000));
	SHOW(sys_fstatat(99, "f", &st, 0));
	SHOW(sys_fstatat(ffd, "f", &st, 0));
	SHOW(sys_fstatat(AT_FDCWD, "d/f", &st, 0));
	SHOW(sys_fstatat(dfd, "missing", &st, 0));
	close(dfd);
	close(ffd);
	unlink("d/l");
	unlink("d/f");
	rmdir("d");
	return 0;
}
