/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SETLK between processes: read locks share, write locks exclude (EAGAIN), own locks are replaced. */
/* abi: glibc */
#include "abi.h"

static int setlk(int fd, short type, off_t start, off_t len)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};

	return fcntl(fd, F_SETLK, &fl);
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	pid_t pid;

	SHOW(setlk(fd, F_RDLCK, 0, 10));
	SHOW(setlk(fd, F_WRLCK, 20, 10));
	SHOW(setlk(fd, F_WRLCK, 0, 5)); /* own read lock: converted */
	SHOW(setlk(fd, F_RDLCK, 0, 5));
	pid = fork();
	if (pid == 0) {
		SHOW(setlk(fd, F_RDLCK, 0, 10));
		SHOW(setlk(fd, F_WRLCK, 9, 1));
		SHOW(setlk(fd, F_WRLCK, 10, 10));
		SHOW(setlk(fd, F_RDLCK, 19, 2));
		SHOW(setlk(fd, F_RDLCK, 30, 0));
		SHOW(setlk(fd, F_UNLCK, 0, 0)); /* only the child's own locks */
		_exit(0);
	}
	abi_wait_child("child", pid);
	pid = fork();
	if (pid == 0) {
		SHOW(setlk(fd, F_WRLCK, 20, 1));  /* the first child did not unlock ours */
		SHOW(setlk(fd, F_WRLCK, 10, 10)); /* its locks went at its exit */
		_exit(0);
	}
	abi_wait_child("child", pid);
	close(fd);
	unlink("f");
	return 0;
}
