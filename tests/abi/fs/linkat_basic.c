/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* linkat links a symlink itself, or its target with AT_SYMLINK_FOLLOW; EINVAL flags. */
#include "abi.h"

int main(void)
{
	struct stat st, t;
	int dfd;

	mkdir("d", 0755);
	abi_make_file("d/target", "x");
	symlink("target", "d/sym");
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	SHOW(linkat(dfd, "sym", dfd, "hard-sym", 0));
	SHOW(lstat("d/hard-sym", &st));
	printf("without AT_SYMLINK_FOLLOW: S_ISLNK=%d\n", S_ISLNK(st.st_mode));
	SHOW(linkat(dfd, "sym", AT_FDCWD, "hard-target", AT_SYMLINK_FOLLOW));
	lstat("hard-target", &st);
	stat("d/target", &t);
	printf("with AT_SYMLINK_FOLLOW: S_ISREG=%d same inode as target: %s\n", S_ISREG(st.st_mode),
	       st.st_ino == t.st_ino ? "yes" : "no");
	SHOW(linkat(dfd, "target", dfd, "x", 0x1));
	SHOW(linkat(99, "target", dfd, "x", 0));
	SHOW(linkat(dfd, "target", 99, "x", 0));
	SHOW(linkat(dfd, "", dfd, "x", 0));
	unlink("d/hard-sym");
	unlink("hard-target");
	unlink("d/sym");
	unlink("d/target");
	close(dfd);
	rmdir("d");
	return 0;
}
