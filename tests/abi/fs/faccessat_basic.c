/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* faccessat/faccessat2: dirfd-relative, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, EINVAL flags. */
#include "abi.h"

int main(void)
{
	int dfd, ffd;

	mkdir("d", 0755);
	abi_make_file("d/f", "x");
	symlink("missing", "d/dangling");
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	ffd = open("d/f", O_RDONLY);
	SHOW(syscall(SYS_faccessat, dfd, "f", R_OK));
	SHOW(syscall(SYS_faccessat, dfd, "missing", F_OK));
	SHOW(syscall(SYS_faccessat, 99, "f", F_OK));
	SHOW(syscall(SYS_faccessat, ffd, "f", F_OK));
	SHOW(syscall(SYS_faccessat, AT_FDCWD, "d/f", F_OK));
	SHOW(syscall(SYS_faccessat, dfd, "f", 8));
	SHOW(syscall(SYS_faccessat2, dfd, "f", R_OK, 0));
	SHOW(syscall(SYS_faccessat2, dfd, "f", R_OK, AT_EACCESS));
	SHOW(syscall(SYS_faccessat2, dfd, "dangling", F_OK, 0));
	SHOW(syscall(SYS_faccessat2, dfd, "dangling", F_OK, AT_SYMLINK_NOFOLLOW));
	SHOW(syscall(SYS_faccessat2, ffd, "", F_OK, AT_EMPTY_PATH));
	SHOW(syscall(SYS_faccessat2, ffd, "", F_OK, 0));
	SHOW(syscall(SYS_faccessat2, dfd, "f", F_OK, 0x1));
	SHOW(faccessat(dfd, "f", R_OK, AT_EACCESS));
	close(dfd);
	close(ffd);
	unlink("d/f");
	unlink("d/dangling");
	rmdir("d");
	return 0;
}
