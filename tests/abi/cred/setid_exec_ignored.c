/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The set-user-ID bit is ignored under PR_SET_NO_NEW_PRIVS and on a nosuid mount: no new ids, AT_SECURE 0. */
/* abi: glibc */
#include "abi.h"

#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

static void install(const char *to)
{
	int in = open("/proc/self/exe", O_RDONLY), out = open(to, O_WRONLY | O_CREAT, 0700);
	struct stat st;

	fstat(in, &st);
	CHECK(sendfile(out, in, NULL, st.st_size) == st.st_size);
	close(in);
	close(out);
	SHOW(chmod(to, 04755));
}

static void run_as_1000(const char *label, const char *path, int nnp)
{
	char *args[] = {"prog", "after", NULL};
	pid_t pid = fork();

	if (pid == 0) {
		setenv("ABI_TMP", "/", 1); /* uid 1000 may not enter the scratch dir */
		syscall(SYS_setresuid, 1000, 1000, 1000);
		if (nnp)
			SHOW(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
		execv(path, args);
		_exit(127);
	}
	abi_wait_child(label, pid);
}

int main(int argc, char **argv)
{
	char cwd[4000], path[4096];
	uid_t r, e, s;

	(void)argv;
	if (argc > 1) {
		syscall(SYS_getresuid, &r, &e, &s);
		printf("uids %u %u %u, AT_SECURE %lu\n", r, e, s, getauxval(AT_SECURE));
		return 0;
	}
	getcwd(cwd, sizeof(cwd));
	SHOW(chmod(".", 0711));
	snprintf(path, sizeof(path), "%s/prog", cwd);
	install("prog");
	run_as_1000("no_new_privs", path, 1);
	SHOW(unlink("prog"));
	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "tmpfs", MS_NOSUID, "mode=0755"));
	snprintf(path, sizeof(path), "%s/m/prog", cwd);
	install("m/prog");
	run_as_1000("nosuid", path, 0);
	SHOW(unlink("m/prog"));
	SHOW(umount("m"));
	SHOW(rmdir("m"));
	return 0;
}
