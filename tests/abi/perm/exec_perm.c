/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve needs execute permission on a regular file (root: some x bit), #! interpreters too. */
/* abi: glibc */
#include "perm.h"

static void run(const char *path)
{
	char *argv[] = {(char *)path, NULL}, *envp[] = {NULL};
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		printf("execve(%s) = -1 %s\n", path, abi_errname(errno));
		_exit(99);
	}
	abi_wait_child(path, pid);
}

static void all(void)
{
	run("./s755");
	run("./s744");
	run("./s700u");
	run("./s644");
	run("./badinterp");
	run("./sub");
	run("./closed/s755");
}

static int user(void *arg)
{
	(void)arg;
	all();
	return 0;
}

static void script(const char *name, const char *text, mode_t mode, uid_t uid, gid_t gid)
{
	abi_make_file(name, text);
	if (chown(name, uid, gid) || chmod(name, mode))
		printf("FAIL: script %s\n", name);
}

int main(void)
{
	const char *ok = "#!/bin/sh\nexit 7\n";

	chmod(".", 0755);
	script("s755", ok, 0755, 0, 0);
	script("s744", ok, 0744, 0, 0);
	script("s700u", ok, 0700, PERM_UID, 0);
	script("s644", ok, 0644, 0, 0);
	script("interp", ok, 0644, 0, 0);
	script("badinterp", "#!./interp\n", 0755, 0, 0);
	perm_dir("sub", 0777, 0, 0);
	perm_dir("closed", 0700, 0, 0);
	script("closed/s755", ok, 0755, 0, 0);
	perm_as_user("user", user, NULL);
	printf("as root:\n");
	all();
	unlink("s755");
	unlink("s744");
	unlink("s700u");
	unlink("s644");
	unlink("interp");
	unlink("badinterp");
	rmdir("sub");
	unlink("closed/s755");
	rmdir("closed");
	return 0;
}
