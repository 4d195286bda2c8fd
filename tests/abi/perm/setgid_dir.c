/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* In a setgid directory new names take its group; new subdirectories keep S_ISGID. */
/* abi: glibc */
#include "perm.h"

static void show(const char *name)
{
	struct stat st;

	if (lstat(name, &st)) {
		printf("%s: lstat = -1 %s\n", name, abi_errname(errno));
		return;
	}
	printf("%s: uid %u gid %u mode %o\n", name, st.st_uid, st.st_gid, st.st_mode & 07777);
}

static int user(void *arg)
{
	int fd;

	(void)arg;
	SHOW_OK(fd = open("sg/f", O_CREAT | O_WRONLY, 0644));
	close(fd);
	SHOW(mkdir("sg/sub", 0755));
	SHOW(symlink("f", "sg/sym"));
	show("sg/f");
	show("sg/sub");
	show("sg/sym");
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("sg", 02777, 0, 2000);
	perm_as_user("user", user, NULL);
	SHOW(mkdir("sg/rootsub", 0700));
	show("sg/rootsub");
	unlink("sg/f");
	rmdir("sg/sub");
	unlink("sg/sym");
	rmdir("sg/rootsub");
	rmdir("sg");
	return 0;
}
