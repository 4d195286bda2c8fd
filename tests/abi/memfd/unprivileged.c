/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* memfd_create works for any user, the file is the caller's; a memfd can be executed with execveat(AT_EMPTY_PATH). */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(int argc, char **argv)
{
	char buf[4096];
	struct stat st;
	pid_t pid;
	int fd, src;
	ssize_t n;

	if (argc > 1) {
		printf("exec'd from a memfd: %s\n", argv[1]);
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		if (setgid(1000) != 0 || setuid(1000) != 0)
			_exit(9);
		fd = SHOW(syscall(SYS_memfd_create, "mine", MFD_CLOEXEC));
		fstat(fd, &st);
		printf("uid %d gid %d mode %o\n", (int)st.st_uid, (int)st.st_gid,
		       (unsigned)st.st_mode);
		SHOW(write(fd, "x", 1));
		_exit(0);
	}
	abi_wait_child("child", pid);
	/* copy this program into a memfd and run it from there */
	fd = syscall(SYS_memfd_create, "self", MFD_CLOEXEC);
	src = open("/proc/self/exe", O_RDONLY);
	while ((n = read(src, buf, sizeof(buf))) > 0)
		write(fd, buf, (size_t)n);
	close(src);
	pid = fork();
	if (pid == 0) {
		char *args[] = {"memfd-self", "yes", NULL}, *env[] = {NULL};

		syscall(SYS_execveat, fd, "", args, env, AT_EMPTY_PATH);
		printf("execveat failed: %d\n", errno);
		_exit(1);
	}
	abi_wait_child("exec child", pid);
	close(fd);
	return 0;
}
