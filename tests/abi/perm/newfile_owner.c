/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* New files, directories, symlinks and fifos are owned by the creator's fsuid and fsgid. */
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
	SHOW_OK(fd = open("d/f", O_CREAT | O_WRONLY, 0640));
	close(fd);
	SHOW(mkdir("d/sub", 0750));
	SHOW(symlink("f", "d/sym"));
	SHOW(mknod("d/fifo", S_IFIFO | 0600, 0));
	show("d/f");
	show("d/sub");
	show("d/sym");
	show("d/fifo");
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("d", 0777, 0, 0);
	perm_as_user("user", user, NULL);
	SHOW(mkdir("d/rootsub", 0700));
	show("d/rootsub");
	unlink("d/f");
	rmdir("d/sub");
	unlink("d/sym");
	unlink("d/fifo");
	rmdir("d/rootsub");
	rmdir("d");
	return 0;
}
