/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/cmdline is argv, each string NUL-terminated, as set by execve. */
#include "abi.h"

int main(int argc, char **argv)
{
	char buf[256];
	ssize_t n, i;
	pid_t pid;
	int fd;

	if (argc > 1) {
		fd = open("/proc/self/cmdline", O_RDONLY);
		n = read(fd, buf, sizeof(buf));
		close(fd);
		printf("cmdline has %zd bytes:", n);
		for (i = 0; i < n; i++)
			printf(buf[i] ? "%c" : "\\0", buf[i]);
		printf("\n");
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		char *args[] = {"name-in-argv0", "two words", "", "last", NULL};
		char *env[] = {NULL};

		execve(argv[0], args, env);
		_exit(99);
	}
	abi_wait_child("child", pid);
	return 0;
}
