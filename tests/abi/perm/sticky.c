/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The sticky bit: only the file's owner, the directory's owner or root removes a name. */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	(void)arg;
	SHOW(unlink("t/rootf"));
	SHOW(unlink("t/otherf"));
	SHOW(rmdir("t/otherd"));
	SHOW(rename("t/rootf", "t/x"));
	SHOW(rename("t/mine", "t/otherf")); /* replacing a foreign name */
	SHOW(rename("t/mine", "t/mine2"));
	SHOW(unlink("t/mine2"));
	SHOW(unlink("t/missing"));
	SHOW(unlink("own/rootf")); /* a sticky directory the caller owns */
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("t", 01777, 0, 0);
	perm_file("t/rootf", 0666, 0, 0);
	perm_file("t/otherf", 0666, 2000, 2000);
	perm_dir("t/otherd", 0777, 2000, 2000);
	perm_file("t/mine", 0644, PERM_UID, PERM_GID);
	perm_dir("own", 01777, PERM_UID, 0);
	perm_file("own/rootf", 0600, 0, 0);
	perm_as_user("user", user, NULL);
	printf("as root:\n");
	SHOW(unlink("t/otherf"));
	SHOW(rmdir("t/otherd"));
	unlink("t/rootf");
	unlink("t/x");
	rmdir("t");
	rmdir("own");
	return 0;
}
