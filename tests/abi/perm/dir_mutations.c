/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Making and removing names needs write+search on the parent; EEXIST/ENOENT come first. */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	(void)arg;
	SHOW(mkdir("ro/new", 0755));
	SHOW(mkdir("ro/sub", 0755)); /* taken: EEXIST before EACCES */
	SHOW(mknod("ro/fifo", S_IFIFO | 0644, 0));
	SHOW(symlink("x", "ro/sym"));
	SHOW(symlink("x", "ro/f"));
	SHOW(link("mine", "ro/hard"));
	SHOW(unlink("ro/f"));
	SHOW(unlink("ro/missing")); /* ENOENT before EACCES */
	SHOW(rmdir("ro/sub"));
	SHOW(rename("ro/f", "ro/g"));
	SHOW(rename("ro/f", "rw/g"));
	SHOW(rename("rw/mine2", "ro/g"));
	SHOW(rename("rw/mine2", "rw/mine3"));
	SHOW(rename("rw/mine3", "rw/mine2"));
	SHOW(mkdir("wonly/new", 0755)); /* write without search */
	SHOW(mkdir("rw/new", 0755));
	SHOW(rmdir("rw/new"));
	SHOW(unlink("rw/rootf")); /* not sticky: anyone who may write the dir */
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	perm_dir("ro", 0755, 0, 0);
	perm_dir("ro/sub", 0777, PERM_UID, 0);
	perm_file("ro/f", 0666, PERM_UID, 0);
	perm_file("mine", 0644, PERM_UID, 0);
	perm_dir("rw", 0777, 0, 0);
	perm_file("rw/mine2", 0644, PERM_UID, 0);
	perm_file("rw/rootf", 0600, 0, 0);
	perm_dir("wonly", 0666, 0, 0);
	perm_as_user("user", user, NULL);
	rmdir("ro/sub");
	unlink("ro/f");
	rmdir("ro");
	unlink("mine");
	unlink("rw/mine2");
	unlink("rw/rootf");
	rmdir("rw");
	rmdir("wonly");
	return 0;
}
