/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sync, syncfs, fsync, fdatasync succeed on files and dirs; EINVAL on pipes; EBADF. */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), dfd, p[2];

	SHOW(write(fd, "data", 4));
	sync();
	printf("sync() returned\n");
	SHOW(syscall(SYS_sync));
	SHOW(syncfs(fd));
	SHOW(fsync(fd));
	SHOW(fdatasync(fd));
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	SHOW(fsync(dfd));
	SHOW(pipe(p));
	SHOW(fsync(p[0]));
	SHOW(fdatasync(p[1]));
	SHOW(fsync(99));
	SHOW(syncfs(99));
	close(fd);
	close(dfd);
	unlink("f");
	return 0;
}
