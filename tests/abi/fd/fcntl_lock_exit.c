/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* POSIX locks are not inherited by fork and go when their process exits. */
/* abi: glibc */
#include "abi.h"

static int setlk(int fd, short type)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};

	return fcntl(fd, F_SETLK, &fl);
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int p[2], q[2];
	pid_t pid;
	char c;

	SHOW(pipe(p));
	SHOW(pipe(q));
	pid = fork();
	if (pid == 0) {
		SHOW(setlk(fd, F_WRLCK));
		write(p[1], "l", 1);
		read(q[0], &c, 1); /* wait for the parent's probe... */
		_exit(0);	   /* ...then exit holding the lock */
	}
	read(p[0], &c, 1);
	SHOW(setlk(fd, F_RDLCK));
	write(q[1], "x", 1);
	abi_wait_child("child", pid);
	SHOW(setlk(fd, F_WRLCK));
	pid = fork();
	if (pid == 0) {
		SHOW(setlk(fd, F_UNLCK)); /* not the child's lock: no effect */
		SHOW(setlk(fd, F_RDLCK)); /* the parent's, not inherited */
		_exit(0);
	}
	abi_wait_child("child", pid);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(fd);
	unlink("f");
	return 0;
}
