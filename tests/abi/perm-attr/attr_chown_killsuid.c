/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* chown clears S_ISUID, and S_ISGID with group-exec, of non-directories, even root's chown. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>

static void chown_show(const char *path, unsigned mode, uid_t u, gid_t g)
{
	struct stat st;

	chmod(path, mode);
	printf("chown %s %04o to %d:%d = %d", path, mode, (int)u, (int)g, chown(path, u, g));
	if (stat(path, &st) == 0)
		printf(", now %04o\n", st.st_mode & 07777);
}

static int as_user(void *arg)
{
	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	chown_show("f", 06755, -1, 1000);
	chown_show("f", 06755, -1, -1);
	chown_show("f", 02644, -1, -1); /* no group-exec: S_ISGID stays */
	chown_show("d", 06755, -1, 1000);
	SHOW(chown("rootsuid", -1, -1)); /* not the owner, a mode to clear */
	return 0;
}

int main(void)
{
	struct stat st;

	chmod(".", 0777);
	abi_make_file("f", "x");
	abi_make_file("rootsuid", "x");
	chmod("rootsuid", 04755);
	mkdir("d", 0755);
	chown("f", 1000, 1000);
	chown("d", 1000, 1000);
	abi_run_child("uid 1000", as_user, NULL);
	if (stat("rootsuid", &st) == 0)
		printf("rootsuid: %04o\n", st.st_mode & 07777);
	chown_show("f", 06755, 0, 0);
	chown_show("f", 06755, -1, -1);
	chown_show("f", 06711, 0, -1);
	chown_show("f", 01755, 0, -1);
	chown_show("d", 07755, 0, 0);
	unlink("f");
	unlink("rootsuid");
	rmdir("d");
	return 0;
}
