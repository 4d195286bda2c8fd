/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mkdir/mkdirat: mode & ~umask, EEXIST (files, dangling links), ENOENT, ENOTDIR, slashes. */
#include "abi.h"

int main(void)
{
	struct stat st;
	int dfd;

	abi_make_file("f", "x");
	symlink("nowhere", "dangling");
	SHOW(mkdir("d", 0777));
	stat("d", &st);
	printf("mode %04o\n", st.st_mode & 07777);
	SHOW(mkdir("d", 0755));
	SHOW(mkdir("f", 0755));
	SHOW(mkdir("dangling", 0755));
	SHOW(mkdir("missing/d", 0755));
	SHOW(mkdir("f/d", 0755));
	SHOW(mkdir("e/", 0755));
	SHOW(mkdir("", 0755));
	SHOW(mkdir(".", 0755));
	SHOW(mkdir("x", 07777));
	stat("x", &st);
	printf("mode of mkdir(07777) %04o\n", st.st_mode & 07777);
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	SHOW(mkdirat(dfd, "inner", 0700));
	SHOW(stat("d/inner", &st));
	printf("inner mode %04o\n", st.st_mode & 07777);
	SHOW(mkdirat(99, "inner", 0700));
	SHOW(syscall(SYS_mkdir, ABI_BADPTR, 0755));
	rmdir("d/inner");
	rmdir("d");
	rmdir("e");
	rmdir("x");
	unlink("f");
	unlink("dangling");
	close(dfd);
	return 0;
}
