/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_TMPFILE's errors: access mode, O_CREAT, a non-directory, procfs, O_EXCL never links. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

int main(void)
{
	int fd;

	mkdir("m", 0755);
	if (mount("none", "m", "tmpfs", 0, NULL) != 0 || chdir("m") != 0)
		printf("FAIL: tmpfs: %s\n", abi_errname(errno));
	SHOW(open(".", O_TMPFILE | O_RDONLY, 0600));
	SHOW(open(".", O_TMPFILE | O_RDWR | O_CREAT, 0600));
	SHOW(open(".", (O_TMPFILE & ~O_DIRECTORY) | O_RDWR, 0600));
	SHOW(open("nope", O_TMPFILE | O_RDWR, 0600));
	fd = open("f", O_CREAT | O_WRONLY, 0600);
	close(fd);
	SHOW(open("f", O_TMPFILE | O_RDWR, 0600));
	SHOW(open("f/", O_TMPFILE | O_RDWR, 0600));
	SHOW(open("/proc", O_TMPFILE | O_RDWR, 0600));

	fd = open(".", O_TMPFILE | O_RDWR | O_EXCL, 0600);
	printf("excl fd ok %d\n", fd >= 0);
	SHOW(write(fd, "x", 1));
	SHOW(linkat(fd, "", AT_FDCWD, "g", AT_EMPTY_PATH));
	SHOW(access("g", F_OK));
	close(fd);
	SHOW(unlink("f"));

	if (chdir("..") != 0 || umount2("m", 0) != 0 || rmdir("m") != 0)
		printf("FAIL: umount: %s\n", abi_errname(errno));
	return 0;
}
