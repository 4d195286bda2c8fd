/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A set-group-ID program sets egid and saved gid to its group (only with group execute), AT_SECURE 1. */
/* abi: glibc */
#include "abi.h"

#include <sys/auxv.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

static void run_as_1000(const char *label, const char *path)
{
	char *args[] = {"prog", "after", NULL};
	pid_t pid = fork();

	if (pid == 0) {
		setenv("ABI_TMP", "/", 1); /* uid 1000 may not enter the scratch dir */
		syscall(SYS_setgroups, 0, NULL);
		syscall(SYS_setresgid, 1000, 1000, 1000);
		syscall(SYS_setresuid, 1000, 1000, 1000);
		execv(path, args);
		_exit(127);
	}
	abi_wait_child(label, pid);
}

int main(int argc, char **argv)
{
	char cwd[4000], path[4096];
	int in, out;
	gid_t r, e, s;
	struct stat st;

	(void)argv;
	if (argc > 1) {
		syscall(SYS_getresgid, &r, &e, &s);
		printf("gids %u %u %u fsgid %ld, AT_SECURE %lu, euid %u\n", r, e, s,
		       syscall(SYS_setfsgid, -1), getauxval(AT_SECURE), geteuid());
		return 0;
	}
	snprintf(path, sizeof(path), "%s/prog", getcwd(cwd, sizeof(cwd)));
	SHOW(chmod(".", 0711));
	in = open("/proc/self/exe", O_RDONLY);
	out = open("prog", O_WRONLY | O_CREAT, 0700);
	fstat(in, &st);
	CHECK(sendfile(out, in, NULL, st.st_size) == st.st_size);
	close(in);
	close(out);
	SHOW(chown("prog", 0, 2000));
	SHOW(chmod("prog", 02755));
	run_as_1000("setgid", path);
	SHOW(chmod("prog", 02745)); /* no group execute: the bit means mandatory locking */
	run_as_1000("setgid without g+x", path);
	SHOW(chmod("prog", 06755)); /* both, to root and group 2000 */
	run_as_1000("setuid and setgid", path);
	SHOW(unlink("prog"));
	return 0;
}
