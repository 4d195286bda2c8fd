/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve closes O_CLOEXEC / FD_CLOEXEC descriptors and keeps the others, with their offsets. */
#include "abi.h"

int main(int argc, char **argv)
{
	char buf[8] = "";
	pid_t pid;
	int a, b, c;

	if (argc > 1) {
		SHOW(fcntl(3, F_GETFD));
		SHOW(fcntl(4, F_GETFD));
		SHOW(fcntl(5, F_GETFD));
		SHOW(read(3, buf, 3));
		printf("read after exec: \"%s\"\n", buf);
		return 0;
	}
	abi_make_file("f", "abcdef");
	a = open("f", O_RDONLY);
	b = open("f", O_RDONLY | O_CLOEXEC);
	c = open("f", O_RDONLY);
	printf("fds: %d %d %d\n", a, b, c);
	SHOW(fcntl(c, F_SETFD, FD_CLOEXEC));
	SHOW(lseek(a, 2, SEEK_SET));
	pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], "child", (char *)NULL);
		_exit(99);
	}
	abi_wait_child("child", pid);
	unlink("f");
	return 0;
}
