/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_OFD_SETLKW waits for a conflicting POSIX lock of another process to go. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct flock wr = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	int p[2], q[2];
	pid_t pid;
	char c;

	SHOW(pipe(p));
	SHOW(pipe(q));
	pid = fork();
	if (pid == 0) {
		SHOW(fcntl(fd, F_SETLK, &wr)); /* a POSIX lock */
		write(p[1], "l", 1);
		read(q[0], &c, 1);
		_exit(0); /* its lock goes with it */
	}
	read(p[0], &c, 1);
	SHOW(fcntl(fd, F_OFD_SETLK, &wr));
	write(q[1], "x", 1);
	SHOW(fcntl(fd, F_OFD_SETLKW, &wr));
	abi_wait_child("child", pid);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(fd);
	unlink("f");
	return 0;
}
