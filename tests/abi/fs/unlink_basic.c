/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* unlink removes names, not open files; EISDIR, ENOENT, ENOTDIR; symlinks themselves. */
#include "abi.h"

int main(void)
{
	char buf[16] = "";
	int fd;

	abi_make_file("f", "still here");
	mkdir("d", 0755);
	symlink("f", "link");
	fd = open("f", O_RDONLY);
	SHOW(unlink("f"));
	SHOW(access("f", F_OK));
	SHOW(read(fd, buf, sizeof(buf) - 1));
	printf("read after unlink: \"%s\"\n", buf);
	SHOW(unlink("f"));
	SHOW(unlink("d"));
	SHOW(unlink("d/"));
	SHOW(unlink("link/"));
	SHOW(unlink("link"));
	SHOW(unlink("missing/x"));
	SHOW(unlink(""));
	SHOW(syscall(SYS_unlink, ABI_BADPTR));
	close(fd);
	rmdir("d");
	return 0;
}
