/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Permissions on the root filesystem (Kevlar's initramfs): /root is 0700, /etc/passwd 0644. */
/* abi: glibc */
#include "perm.h"

static void all(void)
{
	struct stat st;
	int fd;

	SHOW(stat("/root", &st));
	SHOW(stat("/root/.", &st));
	SHOW(stat("/root/missing", &st));
	SHOW_OK(fd = open("/root", O_RDONLY | O_DIRECTORY));
	if (fd >= 0)
		close(fd);
	SHOW(chdir("/root"));
	SHOW(access("/root", R_OK));
	SHOW_OK(fd = open("/etc/passwd", O_RDONLY));
	if (fd >= 0)
		close(fd);
	SHOW(access("/etc/passwd", R_OK));
	SHOW(access("/etc/passwd", X_OK));
	SHOW(access("/etc", X_OK));
	SHOW(execve("/etc/passwd", (char *[]){"passwd", NULL}, (char *[]){NULL}));
	SHOW(execve("/etc", (char *[]){"etc", NULL}, (char *[]){NULL}));
}

static int user(void *arg)
{
	(void)arg;
	all();
	return 0;
}

int main(void)
{
	perm_as_user("user", user, NULL);
	printf("as root:\n");
	all();
	return 0;
}
