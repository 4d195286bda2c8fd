/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/<pid>/environ is envp as set by execve, each string NUL-terminated, mode 0400. */
#include "abi.h"

static void show(const char *path)
{
	char buf[256];
	ssize_t n, i;
	int fd = open(path, O_RDONLY);

	n = abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	printf("%s has %zd bytes:", path[6] == 's' ? "self" : "child", n);
	for (i = 0; i < n; i++)
		printf(buf[i] ? "%c" : "\\0", buf[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	char path[64];
	struct stat st;
	int p[2], ready[2];
	pid_t pid;

	if (argc > 1) {
		show("/proc/self/environ");
		SHOW(stat("/proc/self/environ", &st));
		printf("mode %o\n", st.st_mode);
		if (argc > 2) { /* tell the parent, wait to be read from outside */
			if (write(3, "r", 1) != 1 || read(0, path, 1) != 1)
				printf("sync failed\n");
		}
		return 0;
	}
	SHOW(pipe(p));
	SHOW(pipe(ready));
	pid = fork();
	if (pid == 0) {
		char *args[] = {"x", "1", "wait", NULL};
		char *env[] = {"A=1", "EMPTY=", "B=two words", "", "NOEQUALS", NULL};

		dup2(p[0], 0);
		dup2(ready[1], 3);
		close(p[1]);
		execve(argv[0], args, env);
		_exit(99);
	}
	close(p[0]);
	close(ready[1]);
	SHOW(read(ready[0], path, 1));
	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	show(path);
	SHOW(write(p[1], "x", 1));
	close(p[1]);
	close(ready[0]);
	abi_wait_child("child", pid);
	pid = fork();
	if (pid == 0) {
		char *args[] = {"x", "1", NULL};
		char *env[] = {NULL};

		execve(argv[0], args, env);
		_exit(99);
	}
	abi_wait_child("empty env", pid);
	return 0;
}
