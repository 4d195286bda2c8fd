/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork: inherited fds share one open file description (offset and flags). */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	pid_t pid;

	SHOW(write(fd, "0123456789", 10));
	SHOW(lseek(fd, 2, SEEK_SET));
	pid = fork();
	if (pid == 0) {
		printf("child: lseek(fd, 0, SEEK_CUR) = %ld\n", (long)lseek(fd, 0, SEEK_CUR));
		lseek(fd, 6, SEEK_SET);
		fcntl(fd, F_SETFL, O_APPEND);
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(lseek(fd, 0, SEEK_CUR));
	FACT("O_APPEND set by the child is visible", fcntl(fd, F_GETFL) & O_APPEND);
	SHOW(close(fd));
	SHOW(unlink("f"));
	return 0;
}
