/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve with an empty (or NULL) argv: the new program gets argc 1 and argv[0] "". */
/* abi: glibc */
#include "abi.h"

int main(int argc, char **argv, char **envp)
{
	char *empty[] = {NULL};
	pid_t pid;

	if (getenv("ABI_EMPTY_ARGV")) {
		printf("argc %d, argv[0] \"%s\", argv[1] %s\n", argc, argv[0] ? argv[0] : "(null)",
		       argc > 0 && argv[1] == NULL ? "NULL" : "?");
		return 0;
	}
	setenv("ABI_EMPTY_ARGV", "1", 1);
	pid = fork();
	if (pid == 0) {
		execve("/proc/self/exe", empty, environ);
		_exit(127);
	}
	abi_wait_child("empty argv", pid);
	pid = fork();
	if (pid == 0) {
		syscall(SYS_execve, "/proc/self/exe", NULL, environ);
		_exit(127);
	}
	abi_wait_child("NULL argv", pid);
	(void)argc;
	(void)argv;
	(void)envp;
	return 0;
}
