/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* chmod/fchmod/fchmodat: only the owner or CAP_FOWNER (EPERM for uid 1000 on root's file). */
/* abi: glibc */
#include "abi.h"
#include <grp.h>

static void show_mode(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		printf("  %s: mode %04o\n", path, st.st_mode & 07777);
}

static int as_user(void *arg)
{
	int fd;

	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	SHOW(chmod("root", 0777));
	SHOW(fchmodat(AT_FDCWD, "root", 0777, 0));
	fd = open("root", O_RDONLY);
	SHOW(fchmod(fd, 0777));
	close(fd);
	show_mode("root");
	SHOW(chmod("mine", 0600));
	show_mode("mine");
	SHOW(chmod("mine", 0644));
	SHOW(chmod("rootdir", 0777));
	show_mode("rootdir");
	SHOW(chmod("missing", 0777));
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("root", "x");
	abi_make_file("mine", "x");
	chown("mine", 1000, 1000);
	mkdir("rootdir", 0755);
	abi_run_child("uid 1000", as_user, NULL);
	/* root may change anyone's file */
	SHOW(chmod("mine", 0640));
	show_mode("mine");
	SHOW(chmod("root", 0600));
	show_mode("root");
	unlink("root");
	unlink("mine");
	rmdir("rootdir");
	return 0;
}
