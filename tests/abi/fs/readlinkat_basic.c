/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readlinkat: dirfd-relative, "" reads an O_PATH symlink fd, EBADF, ENOTDIR, ENOENT. */
#include "abi.h"

int main(void)
{
	char buf[64] = "";
	int dfd, lfd, ffd;

	mkdir("d", 0755);
	abi_make_file("d/f", "x");
	symlink("../elsewhere", "d/link");
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	ffd = open("d/f", O_RDONLY);
	SHOW(readlinkat(dfd, "link", buf, sizeof(buf) - 1));
	printf("target: \"%s\"\n", buf);
	SHOW(readlinkat(AT_FDCWD, "d/link", buf, sizeof(buf) - 1));
	SHOW(readlinkat(99, "link", buf, sizeof(buf)));
	SHOW(readlinkat(ffd, "link", buf, sizeof(buf)));
	lfd = open("d/link", O_PATH | O_NOFOLLOW);
	CHECK(lfd >= 0);
	memset(buf, 0, sizeof(buf));
	SHOW(readlinkat(lfd, "", buf, sizeof(buf) - 1));
	printf("via O_PATH fd: \"%s\"\n", buf);
	SHOW(readlinkat(ffd, "", buf, sizeof(buf)));
	close(lfd);
	close(ffd);
	close(dfd);
	unlink("d/link");
	unlink("d/f");
	rmdir("d");
	return 0;
}
