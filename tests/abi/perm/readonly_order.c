/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* On a read-only mount EROFS comes before EACCES (and after EEXIST/ENOENT) for uid 1000. */
/* abi: glibc */
#include "perm.h"

#include <sys/mount.h>

static int user(void *arg)
{
	(void)arg;
	SHOW(open("m/rootf", O_WRONLY));	   /* root's 0644 file */
	SHOW(open("m/rootf", O_RDONLY | O_TRUNC)); /* needs write too */
	SHOW(open("m/secret", O_RDONLY));	   /* reading: the bits decide */
	SHOW(open("m/new", O_CREAT | O_WRONLY, 0644));
	SHOW(mkdir("m/new", 0755));
	SHOW(mkdir("m/d", 0755)); /* taken: EEXIST first */
	SHOW(unlink("m/rootf"));
	SHOW(unlink("m/missing"));
	SHOW(rmdir("m/d"));
	SHOW(access("m/rootf", W_OK));
	SHOW(access("m/secret", R_OK));
	SHOW(open("m/closed/f", O_WRONLY)); /* the walk's EACCES comes first */
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	mkdir("m", 0755);
	SHOW(mount("none", "m", "tmpfs", 0, "mode=0755"));
	perm_file("m/rootf", 0644, 0, 0);
	perm_file("m/secret", 0600, 0, 0);
	perm_dir("m/d", 0755, 0, 0);
	perm_dir("m/closed", 0700, 0, 0);
	perm_file("m/closed/f", 0666, 0, 0);
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	perm_as_user("user", user, NULL);
	SHOW(open("m/rootf", O_RDONLY | O_TRUNC)); /* root too */
	SHOW(umount("m"));
	rmdir("m");
	return 0;
}
