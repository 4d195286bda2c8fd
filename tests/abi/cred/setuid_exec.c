/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A set-user-ID-root copy of this program run by uid 1000: euid and saved uid 0, capabilities, AT_SECURE 1. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>
#include <sys/auxv.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

static void copy_self(const char *to, mode_t mode)
{
	int in = open("/proc/self/exe", O_RDONLY), out = open(to, O_WRONLY | O_CREAT, 0700);
	struct stat st;

	fstat(in, &st);
	CHECK(sendfile(out, in, NULL, st.st_size) == st.st_size);
	close(in);
	close(out);
	SHOW(chown(to, 0, 0));
	SHOW(chmod(to, mode));
}

int main(int argc, char **argv)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	char cwd[4000], path[4096], *args[] = {"prog", "after", NULL};
	uid_t r, e, s;
	pid_t pid;

	(void)argv;
	if (argc > 1) {
		syscall(SYS_getresuid, &r, &e, &s);
		syscall(SYS_capget, &h, d);
		printf("uids %u %u %u fsuid %ld, AT_SECURE %lu, AT_UID %lu AT_EUID %lu\n", r, e, s,
		       syscall(SYS_setfsuid, -1), getauxval(AT_SECURE), getauxval(AT_UID),
		       getauxval(AT_EUID));
		printf("effective = permitted: %d, has CAP_SETUID: %d\n",
		       d[0].effective == d[0].permitted, !!(d[0].effective & (1 << CAP_SETUID)));
		return 0;
	}
	snprintf(path, sizeof(path), "%s/prog", getcwd(cwd, sizeof(cwd)));
	SHOW(chmod(".", 0711)); /* uid 1000 runs prog from the scratch directory */
	copy_self("prog", 04755);
	pid = fork();
	if (pid == 0) {
		setenv("ABI_TMP", "/", 1); /* uid 1000 may not enter the scratch dir */
		SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
		execv(path, args);
		_exit(127);
	}
	abi_wait_child("setuid root", pid);
	SHOW(chmod("prog", 0755)); /* without the bit: plain uid 1000, AT_SECURE 0 */
	pid = fork();
	if (pid == 0) {
		setenv("ABI_TMP", "/", 1);
		SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
		execv(path, args);
		_exit(127);
	}
	abi_wait_child("plain", pid);
	SHOW(unlink("prog"));
	return 0;
}
