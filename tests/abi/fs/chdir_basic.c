/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* chdir/fchdir: lookups follow the cwd, ".." climbs, "/.." is "/", ENOTDIR/ENOENT/EBADF. */
#include "abi.h"

int main(void)
{
	struct stat root, up;
	int dfd, ffd;

	mkdir("a", 0755);
	mkdir("a/b", 0755);
	abi_make_file("a/b/f", "deep");
	dfd = open("a", O_RDONLY | O_DIRECTORY);
	ffd = open("a/b/f", O_RDONLY);
	SHOW(chdir("a/b"));
	SHOW(access("f", F_OK));
	SHOW(chdir(".."));
	SHOW(access("b/f", F_OK));
	SHOW(chdir("b/f"));
	SHOW(chdir("missing"));
	SHOW(chdir(""));
	SHOW(fchdir(ffd));
	SHOW(fchdir(99));
	SHOW(chdir("/"));
	SHOW(fchdir(dfd));
	SHOW(access("b/f", F_OK));
	stat("/", &root);
	stat("/..", &up);
	FACT("/.. is /", root.st_ino == up.st_ino && root.st_dev == up.st_dev);
	SHOW(chdir(".."));
	unlink("a/b/f");
	rmdir("a/b");
	rmdir("a");
	close(dfd);
	close(ffd);
	return 0;
}
