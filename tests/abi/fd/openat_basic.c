/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* openat: relative to a dirfd or AT_FDCWD, absolute paths ignore dirfd, EBADF, ENOTDIR. */
#include "abi.h"

int main(void)
{
	char cwd[4096], abs[4200];
	int dfd, ffd;

	mkdir("d", 0755);
	abi_make_file("d/inner", "in d");
	abi_make_file("top", "at top");
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	ffd = open("top", O_RDONLY);
	SHOW(openat(dfd, "inner", O_RDONLY));
	SHOW(openat(dfd, "top", O_RDONLY));
	SHOW(openat(AT_FDCWD, "top", O_RDONLY));
	SHOW(openat(dfd, "new", O_WRONLY | O_CREAT, 0644));
	SHOW(access("d/new", F_OK));
	SHOW(openat(99, "top", O_RDONLY));
	SHOW(openat(-5, "top", O_RDONLY));
	SHOW(openat(ffd, "top", O_RDONLY));
	SHOW(openat(dfd, "..", O_RDONLY | O_DIRECTORY));
	if (!getcwd(cwd, sizeof(cwd)))
		return 1;
	snprintf(abs, sizeof(abs), "%s/top", cwd);
	printf("absolute path with dirfd 99: ");
	SHOW(openat(99, abs, O_RDONLY) >= 0);
	printf("absolute path with a file dirfd: ");
	SHOW(openat(ffd, abs, O_RDONLY) >= 0);
	unlink("d/inner");
	unlink("d/new");
	rmdir("d");
	unlink("top");
	return 0;
}
