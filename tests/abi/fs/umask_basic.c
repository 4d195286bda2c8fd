/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* umask returns the old mask, keeps 0777 bits, masks open(O_CREAT) and mkdir, not chmod. */
#include "abi.h"

static int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

int main(void)
{
	int fd;

	printf("umask(027) returned %04o (abi-exec sets 022)\n", umask(027));
	fd = open("f", O_WRONLY | O_CREAT, 0777);
	close(fd);
	mkdir("d", 0777);
	printf("file %04o, dir %04o\n", mode_of("f"), mode_of("d"));
	printf("umask(0177777) returned %04o\n", umask(0177777));
	printf("umask(0) returned %04o\n", umask(0));
	fd = open("g", O_WRONLY | O_CREAT, 0777);
	close(fd);
	printf("with umask 0: file %04o\n", mode_of("g"));
	SHOW(chmod("g", 0777));
	umask(0777);
	printf("chmod ignores the umask: %04o\n", mode_of("g"));
	umask(022);
	unlink("f");
	unlink("g");
	rmdir("d");
	return 0;
}
