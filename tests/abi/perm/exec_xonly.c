/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An ELF program with execute but no read permission runs (the kernel reads it, not the caller). */
/* abi: glibc */
#include "perm.h"

static void copy_self(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	ssize_t n;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			printf("FAIL: short write\n");
	if (in < 0 || out < 0)
		printf("FAIL: copying the program\n");
	close(in);
	close(out);
}

static int user(void *arg)
{
	char *argv[] = {"prog", "child", NULL}, *envp[] = {NULL};
	pid_t pid = fork();

	if (pid == 0) {
		execve((const char *)arg, argv, envp);
		printf("execve = -1 %s\n", abi_errname(errno));
		_exit(99);
	}
	abi_wait_child("x-only program", pid);
	SHOW(open((const char *)arg, O_RDONLY));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return 5; /* the copy, run as uid 1000 */
	chmod(".", 0755);
	copy_self(argv[0], "prog");
	SHOW(chmod("prog", 0711));
	perm_as_user("user", user, "prog");
	unlink("prog");
	return 0;
}
