/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* On a read-only mount, attribute changes fail EROFS before any permission check (uid 1000, root's file). */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/mount.h>
#include <sys/xattr.h>

static int as_user(void *arg)
{
	struct timespec set[2] = {{1000, 0}, {2000, 0}};

	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	SHOW(chmod("m/f", 0777));
	SHOW(chown("m/f", 1000, 1000));
	SHOW(chown("m/f", -1, -1));
	SHOW(utimensat(AT_FDCWD, "m/f", set, 0));
	SHOW(utimensat(AT_FDCWD, "m/f", NULL, 0));
	SHOW(truncate("m/f", 0));
	SHOW(setxattr("m/f", "user.a", "v", 1, 0));
	SHOW(setxattr("m/f", "trusted.a", "v", 1, 0));
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	mkdir("m", 0755);
	if (mount("none", "m", "tmpfs", 0, NULL)) {
		printf("mount: %s\n", abi_errname(errno));
		return 1;
	}
	chmod("m", 0755);
	abi_make_file("m/f", "xyz");
	chmod("m/f", 04600);
	SHOW(mount("none", "m", "tmpfs", MS_REMOUNT | MS_RDONLY, NULL));
	abi_run_child("uid 1000", as_user, NULL);
	SHOW(chmod("m/f", 0644)); /* root too */
	SHOW(umount("m"));
	rmdir("m");
	return 0;
}
