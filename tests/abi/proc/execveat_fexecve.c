/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execveat(fd, "", AT_EMPTY_PATH) runs the open file (fexecve): plain, O_PATH and O_CLOEXEC fds; comm and AT_EXECFN. */
/* abi: glibc */
#include "abi.h"
#include <sys/auxv.h>

static char *self;

static void try(const char *label, int fd, int flags)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *args[] = {self, "child", (char *)label, NULL};
		char *env[] = {NULL};

		syscall(SYS_execveat, fd, "", args, env, flags);
		printf("%s: execveat = -1 %s\n", label, abi_errname(errno));
		_exit(1);
	}
	abi_wait_child(label, pid);
}

int main(int argc, char **argv)
{
	char comm[64] = "", want[64];
	int fd;

	if (argc > 2 && !strcmp(argv[1], "child")) {
		int c = open("/proc/self/comm", O_RDONLY);
		ssize_t n = read(c, comm, sizeof(comm) - 1);
		const char *base = strrchr(argv[0], '/') + 1;

		char exe[4096] = "";

		comm[n > 0 ? n - 1 : 0] = '\0';
		snprintf(want, sizeof(want), "%.15s", base);
		printf("%s: ran, execfn %s, comm is the file's name: %s\n", argv[2],
		       (const char *)getauxval(AT_EXECFN), strcmp(comm, want) ? "no" : "yes");
		readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		FACT("  /proc/self/exe is the file", !strcmp(exe, argv[0]));
		return 0;
	}
	self = argv[0];
	fd = open(self, O_RDONLY);
	printf("fd %d\n", fd);
	try("plain fd", fd, AT_EMPTY_PATH);
	try("no AT_EMPTY_PATH", fd, 0);
	close(fd);
	fd = open(self, O_PATH);
	try("O_PATH fd", fd, AT_EMPTY_PATH);
	close(fd);
	fd = open(self, O_RDONLY | O_CLOEXEC);
	try("O_CLOEXEC fd", fd, AT_EMPTY_PATH);
	close(fd);
	try("closed fd", fd, AT_EMPTY_PATH);
	try("AT_FDCWD", AT_FDCWD, AT_EMPTY_PATH);
	fd = open("/dev/null", O_RDONLY);
	try("a device", fd, AT_EMPTY_PATH);
	close(fd);
	abi_make_file("noexec", "\177ELF");
	fd = open("noexec", O_RDONLY);
	try("no execute permission", fd, AT_EMPTY_PATH);
	close(fd);
	unlink("noexec");
	return 0;
}
