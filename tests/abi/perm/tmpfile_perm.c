/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_TMPFILE needs write+search on the directory; the unnamed file opens whatever its mode. */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	int fd;

	(void)arg;
	SHOW(open("ro", O_TMPFILE | O_RDWR, 0600));
	SHOW(open("wonly", O_TMPFILE | O_RDWR, 0600));
	SHOW_OK(fd = open("rw", O_TMPFILE | O_RDWR, 0));
	SHOW(write(fd, "x", 1));
	close(fd);
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("ro", 0755, 0, 0);
	perm_dir("wonly", 0666, 0, 0);
	perm_dir("rw", 0777, 0, 0);
	perm_as_user("user", user, NULL);
	rmdir("ro");
	rmdir("wonly");
	rmdir("rw");
	return 0;
}
