/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* open(2) of directories: listing needs read, writing is EISDIR before EACCES. */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	char buf[512];
	int fd;

	(void)arg;
	SHOW(open("xonly", O_RDONLY | O_DIRECTORY));
	SHOW(open("xonly", O_WRONLY));
	SHOW(open("xonly", O_RDWR));
	SHOW(open("xonly", O_RDONLY | O_TRUNC));
	SHOW(open("xonly", O_RDONLY | O_CREAT, 0644));
	SHOW_OK(fd = open("xonly", O_PATH));
	SHOW(syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	SHOW(fchdir(fd)); /* search is allowed */
	SHOW(chdir(".."));
	close(fd);
	SHOW_OK(fd = open("readable", O_RDONLY | O_DIRECTORY));
	CHECK(syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0);
	close(fd);
	SHOW(open("rw", O_WRONLY));
	SHOW(open("noread", O_RDONLY));
	SHOW(chdir("noread"));
	SHOW(chdir("noread/."));
	SHOW_OK(fd = open("noread", O_PATH));
	SHOW(fchdir(fd));
	close(fd);
	SHOW(chroot("noread"));
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("xonly", 0711, 0, 0);
	perm_dir("readable", 0555, 0, 0);
	perm_dir("rw", 0777, 0, 0);
	perm_dir("noread", 0600, PERM_UID, 0); /* the owner lacks x */
	perm_as_user("user", user, NULL);
	printf("as root:\n");
	SHOW(open("noread", O_WRONLY));
	SHOW(open("noread", O_RDONLY | O_TRUNC));
	rmdir("xonly");
	rmdir("readable");
	rmdir("rw");
	rmdir("noread");
	return 0;
}
