/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* OFD locks survive closing other descriptors and fork; they go with the description's last close. */
/* abi: glibc */
#include "abi.h"

static int ofd(int fd, short type)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET};

	return fcntl(fd, F_OFD_SETLK, &fl);
}

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int b = open("f", O_RDWR);
	int other = open("f", O_RDONLY);
	int d = dup(a);
	pid_t pid;

	SHOW(ofd(a, F_WRLCK));
	SHOW(close(other)); /* a POSIX lock would go here */
	SHOW(ofd(b, F_RDLCK));
	pid = fork();
	if (pid == 0) {
		SHOW(ofd(a, F_WRLCK)); /* the child shares the description and its lock */
		SHOW(ofd(b, F_RDLCK));
		SHOW(close(a));
		SHOW(close(d));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(ofd(b, F_RDLCK));
	SHOW(close(a));
	SHOW(ofd(b, F_RDLCK)); /* d still holds the description */
	SHOW(close(d));
	SHOW(ofd(b, F_WRLCK));
	close(b);
	unlink("f");
	return 0;
}
