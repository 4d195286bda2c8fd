/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execveat of a script through an fd: the interpreter gets /dev/fd/N; with O_CLOEXEC it could not open it, so ENOENT. */
/* abi: glibc */
#include "abi.h"

static void try(const char *label, int fd, const char *path, int flags)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *args[] = {"script", "arg1", NULL};
		char *env[] = {"PATH=/bin:/usr/bin", NULL};

		syscall(SYS_execveat, fd, path, args, env, flags);
		printf("%s: execveat = -1 %s\n", label, abi_errname(errno));
		_exit(1);
	}
	abi_wait_child(label, pid);
}

int main(void)
{
	int fd, dfd;

	abi_make_file("s.sh", "#!/bin/sh\necho \"script: \\$0=$0 \\$1=$1\"\n");
	chmod("s.sh", 0755);
	fd = open("s.sh", O_RDONLY);
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	printf("fd %d dirfd %d\n", fd, dfd);
	try("script fd", fd, "", AT_EMPTY_PATH);
	try("script relative to dirfd", dfd, "s.sh", 0);
	close(fd);
	close(dfd);
	fd = open("s.sh", O_RDONLY | O_CLOEXEC);
	dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	printf("fd %d dirfd %d, both O_CLOEXEC\n", fd, dfd);
	try("script fd", fd, "", AT_EMPTY_PATH);
	try("script relative to dirfd", dfd, "s.sh", 0);
	try("script by AT_FDCWD", AT_FDCWD, "s.sh", 0);
	close(fd);
	close(dfd);
	unlink("s.sh");
	return 0;
}
