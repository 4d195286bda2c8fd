/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rename files: moves, replaces atomically, hard-link no-op, EISDIR, ENOENT, ENOTDIR. */
#include "abi.h"

int main(void)
{
	char buf[16] = "";
	struct stat a, b;
	int fd;

	abi_make_file("a", "AAA");
	abi_make_file("b", "BBB");
	mkdir("d", 0755);
	stat("a", &a);
	SHOW(rename("a", "c"));
	SHOW(access("a", F_OK));
	stat("c", &b);
	FACT("same inode after the move", a.st_ino == b.st_ino);
	fd = open("b", O_RDONLY);
	SHOW(rename("c", "b"));
	SHOW(read(fd, buf, 3));
	printf("old fd on the replaced file still reads \"%s\"\n", buf);
	close(fd);
	fd = open("b", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	SHOW(read(fd, buf, 3));
	printf("b now holds \"%s\"\n", buf);
	close(fd);
	link("b", "hard");
	SHOW(rename("b", "hard"));
	SHOW(access("b", F_OK));
	SHOW(rename("b", "b"));
	SHOW(rename("hard", "d"));
	SHOW(rename("missing", "x"));
	SHOW(rename("hard", "missing/x"));
	SHOW(rename("hard", "hard/x"));
	SHOW(rename("hard", "d/moved"));
	SHOW(access("d/moved", F_OK));
	unlink("b");
	unlink("hard");
	unlink("d/moved");
	rmdir("d");
	return 0;
}
