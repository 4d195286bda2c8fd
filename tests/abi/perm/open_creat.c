/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_CREAT: a new name needs write+search on the directory; a new file opens whatever its mode. */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	struct stat st;
	int fd;

	(void)arg;
	SHOW(open("ro/new", O_WRONLY | O_CREAT, 0644));
	SHOW(open("ro/mine", O_WRONLY | O_CREAT, 0644)); /* exists: the file's own bits */
	SHOW(open("ro/mine", O_RDWR | O_CREAT | O_EXCL, 0644));
	SHOW(open("ro/rootf", O_RDWR | O_CREAT, 0644));
	SHOW(open("ro/rootf", O_RDONLY | O_CREAT, 0644));
	SHOW(creat("ro/new", 0644));
	SHOW(open("wonly/new", O_WRONLY | O_CREAT, 0644));	      /* w without x */
	SHOW_OK(fd = open("rw/zero", O_RDWR | O_CREAT | O_TRUNC, 0)); /* mode 0 opens once */
	close(fd);
	SHOW(open("rw/zero", O_RDONLY));
	SHOW(open("rw/zero", O_RDWR | O_CREAT, 0666));
	SHOW(stat("rw/zero", &st));
	printf("mode %o uid %u gid %u\n", st.st_mode & 07777, st.st_uid, st.st_gid);
	SHOW(unlink("rw/zero"));
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("ro", 0755, 0, 0);
	perm_file("ro/mine", 0600, PERM_UID, PERM_GID);
	perm_file("ro/rootf", 0644, 0, 0);
	perm_dir("wonly", 0666, 0, 0);
	perm_dir("rw", 0777, 0, 0);
	perm_as_user("user", user, NULL);
	unlink("ro/mine");
	unlink("ro/rootf");
	rmdir("ro");
	rmdir("wonly");
	rmdir("rw");
	return 0;
}
