/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rename of a directory to a new parent needs write on the directory itself (its ".."). */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	(void)arg;
	SHOW(rename("a/rootd", "b/rootd"));  /* root's 0755 directory moves: EACCES */
	SHOW(rename("a/rootd", "a/rootd2")); /* same parent: allowed */
	SHOW(rename("a/mined", "b/mined"));
	SHOW(rename("a/rootf", "b/rootf"));  /* a file has no ".." */
	SHOW(rename("b/mined", "a/rootd2")); /* over root's empty directory */
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("a", 0777, 0, 0);
	perm_dir("b", 0777, 0, 0);
	perm_dir("a/rootd", 0755, 0, 0);
	perm_dir("a/mined", 0755, PERM_UID, PERM_GID);
	perm_file("a/rootf", 0644, 0, 0);
	perm_as_user("user", user, NULL);
	rmdir("a/rootd");
	rmdir("a/rootd2");
	rmdir("a/mined");
	rmdir("b/mined");
	unlink("a/rootf");
	unlink("b/rootf");
	rmdir("a");
	rmdir("b");
	return 0;
}
