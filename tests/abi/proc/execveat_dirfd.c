/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execveat: a name relative to a directory fd, an absolute name, AT_SYMLINK_NOFOLLOW (ELOOP), and the errors. */
/* abi: glibc */
#include "abi.h"
#include <libgen.h>
#include <sys/auxv.h>

static char *self;

/* Run execveat in a child: the new image prints its AT_EXECFN. */
static void try(const char *label, int dirfd, const char *path, int flags)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *args[] = {self, "child", (char *)label, NULL};
		char *env[] = {"A=1", NULL};

		syscall(SYS_execveat, dirfd, path, args, env, flags);
		printf("%s: execveat = -1 %s\n", label, abi_errname(errno));
		_exit(1);
	}
	abi_wait_child(label, pid);
}

int main(int argc, char **argv)
{
	char dir[4096], base[256], fdname[4400];
	int dfd, ffd;

	if (argc > 2 && !strcmp(argv[1], "child")) {
		const char *fn = (const char *)getauxval(AT_EXECFN);

		printf("%s: ran, A=%s, execfn %s\n", argv[2], getenv("A"),
		       fn[0] == '/' && strncmp(fn, "/dev/fd/", 8) ? "absolute" : fn);
		return 0;
	}
	self = argv[0];
	snprintf(dir, sizeof(dir), "%s", self);
	snprintf(base, sizeof(base), "%s", basename(dir));
	snprintf(dir, sizeof(dir), "%s", self);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
	ffd = open(self, O_RDONLY);
	printf("dirfd %d\n", dfd);
	snprintf(fdname, sizeof(fdname), "/dev/fd/%d/%s", dfd, base);
	FACT("names differ", strcmp(fdname, self) != 0);
	try("relative to dirfd", dfd, base, 0);
	try("absolute, dirfd ignored", -1, self, 0);
	try("AT_FDCWD", AT_FDCWD, self, 0);
	symlink(self, "link");
	try("through a symlink", AT_FDCWD, "link", 0);
	try("AT_SYMLINK_NOFOLLOW on a symlink", AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW);
	try("AT_SYMLINK_NOFOLLOW on the file", dfd, base, AT_SYMLINK_NOFOLLOW);
	unlink("link");
	try("bad dirfd", 99, base, 0);
	try("dirfd not a directory", ffd, base, 0);
	try("empty path, no AT_EMPTY_PATH", dfd, "", 0);
	try("unknown flag", dfd, base, 0x10);
	try("missing", dfd, "no-such-file", 0);
	try("a directory", dfd, ".", 0);
	try("AT_EMPTY_PATH on a directory", dfd, "", AT_EMPTY_PATH);
	try("bad path pointer", dfd, ABI_BADPTR, 0);
	close(ffd);
	close(dfd);
	return 0;
}
