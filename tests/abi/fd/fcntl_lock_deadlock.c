/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SETLKW refuses with EDEADLK the wait that would close a cycle between two processes. */
/* abi: glibc */
#include "abi.h"

static int lockw(int fd, off_t at)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1};

	return fcntl(fd, F_SETLKW, &fl);
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int p[2], q[2], mine, theirs = -1;
	pid_t pid;
	char c;

	SHOW(pipe(p));
	SHOW(pipe(q));
	SHOW(lockw(fd, 0));
	pid = fork();
	if (pid == 0) {
		int r = lockw(fd, 1);

		write(p[1], "l", 1);
		r = lockw(fd, 0); /* blocks on the parent, or is refused */
		r = r ? -errno : 0;
		write(q[1], &r, sizeof(r));
		_exit(0); /* its locks go: the parent may go on */
	}
	read(p[0], &c, 1);
	usleep(100000);
	mine = lockw(fd, 1); /* whichever waits second gets EDEADLK */
	mine = mine ? -errno : 0;
	if (mine == -EDEADLK) {
		struct flock un = {.l_type = F_UNLCK, .l_whence = SEEK_SET};

		fcntl(fd, F_SETLK, &un); /* let the child through */
	}
	read(q[0], &theirs, sizeof(theirs));
	abi_wait_child("child", pid);
	printf("one got EDEADLK: %s\n", (mine == -EDEADLK) != (theirs == -EDEADLK) ? "yes" : "no");
	printf("the other got the lock: %s\n", (mine == 0) != (theirs == 0) ? "yes" : "no");
	close(fd);
	unlink("f");
	return 0;
}
