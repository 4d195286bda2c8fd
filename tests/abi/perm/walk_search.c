/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Path walk: search (x) permission on every directory looked into, symlinks too. */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	struct stat st;

	(void)arg;
	SHOW(stat("noexec", &st));   /* the directory itself: no search needed */
	SHOW(stat("noexec/", &st));  /* a trailing slash looks into nothing */
	SHOW(stat("noexec/f", &st)); /* looking into it does */
	SHOW(stat("noexec/.", &st)); /* "." and ".." are lookups too */
	SHOW(stat("noexec/..", &st));
	SHOW(stat("noexec/missing", &st));
	SHOW(stat("xonly/f", &st));    /* search without read is enough */
	SHOW(stat("ok/inner/f", &st)); /* every component is checked */
	SHOW(stat("ok/closed/f", &st));
	SHOW(stat("link/f", &st)); /* through a symlink to noexec */
	SHOW(stat("ok/tonoexec", &st));
	SHOW(open("noexec/f", O_RDONLY));
	SHOW(access("noexec/f", F_OK));
	SHOW(mkdir("noexec/new", 0755));
	SHOW(unlink("noexec/f"));
	return 0;
}

int main(void)
{
	struct stat st;

	perm_dir("noexec", 0766, 0, 0);
	perm_file("noexec/f", 0666, 0, 0);
	perm_dir("xonly", 0711, 0, 0);
	perm_file("xonly/f", 0644, 0, 0);
	perm_dir("ok", 0755, 0, 0);
	perm_dir("ok/inner", 0755, 0, 0);
	perm_file("ok/inner/f", 0644, 0, 0);
	perm_dir("ok/closed", 0750, 0, 0);
	perm_file("ok/closed/f", 0644, 0, 0);
	symlink("noexec", "link");
	symlink("../noexec/f", "ok/tonoexec");
	chmod(".", 0755);
	perm_as_user("user", user, NULL);
	SHOW(stat("noexec/f", &st)); /* root searches anything */
	SHOW(stat("link/f", &st));
	unlink("noexec/f");
	rmdir("noexec");
	unlink("xonly/f");
	rmdir("xonly");
	unlink("ok/inner/f");
	rmdir("ok/inner");
	unlink("ok/closed/f");
	rmdir("ok/closed");
	unlink("ok/tonoexec");
	rmdir("ok");
	unlink("link");
	return 0;
}
