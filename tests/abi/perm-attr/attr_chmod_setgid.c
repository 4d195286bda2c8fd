/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* chmod: a caller outside the file's group loses S_ISGID; S_ISVTX on a file is kept. */
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
	gid_t extra = 2000;

	(void)arg;
	if (setgroups(1, &extra) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	SHOW(chmod("g0", 02755)); /* owner, but not in group 0 */
	show_mode("g0");
	SHOW(chmod("g1000", 02755)); /* its own group */
	show_mode("g1000");
	SHOW(chmod("g2000", 02755)); /* a supplementary group */
	show_mode("g2000");
	SHOW(chmod("d0", 02755)); /* directories too */
	show_mode("d0");
	SHOW(chmod("g0", 04755)); /* set-user-id is the owner's own */
	show_mode("g0");
	SHOW(chmod("g0", 01644)); /* sticky on a plain file */
	show_mode("g0");
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("g0", "x");
	abi_make_file("g1000", "x");
	abi_make_file("g2000", "x");
	mkdir("d0", 0755);
	chown("g0", 1000, 0);
	chown("g1000", 1000, 1000);
	chown("g2000", 1000, 2000);
	chown("d0", 1000, 0);
	abi_run_child("uid 1000", as_user, NULL);
	/* root keeps S_ISGID whatever the group */
	SHOW(chmod("g0", 03755));
	show_mode("g0");
	unlink("g0");
	unlink("g1000");
	unlink("g2000");
	rmdir("d0");
	return 0;
}
