/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* user.* xattrs need read (get/list) or write (set/remove) permission; a sticky dir's only for its owner. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/xattr.h>

static int as_user(void *arg)
{
	char buf[64];

	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	SHOW(setxattr("ro", "user.a", "v", 1, 0));
	SHOW(getxattr("ro", "user.a", buf, sizeof(buf)));
	SHOW(removexattr("ro", "user.a"));
	SHOW(setxattr("rw", "user.b", "v", 1, 0));
	SHOW(getxattr("rw", "user.b", buf, sizeof(buf)));
	SHOW(removexattr("rw", "user.b"));
	SHOW(getxattr("secret", "user.a", buf, sizeof(buf)));
	SHOW(listxattr("secret", buf, sizeof(buf)));
	SHOW(setxattr("sticky", "user.c", "v", 1, 0)); /* 01777, not ours */
	SHOW(getxattr("sticky", "user.a", buf, sizeof(buf)));
	SHOW(removexattr("sticky", "user.a"));
	SHOW(setxattr("mysticky", "user.c", "v", 1, 0));
	SHOW(removexattr("mysticky", "user.c"));
	SHOW(setxattr("opendir", "user.c", "v", 1, 0)); /* 0777 without the sticky bit */
	SHOW(removexattr("opendir", "user.c"));
	SHOW(setxattr("closeddir", "user.c", "v", 1, 0)); /* 0755 */
	SHOW(getxattr("closeddir", "user.c", buf, sizeof(buf)));
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("ro", "x");
	abi_make_file("rw", "x");
	abi_make_file("secret", "x");
	chmod("rw", 0666);
	chmod("secret", 0600);
	mkdir("sticky", 01777);
	mkdir("mysticky", 01777);
	mkdir("opendir", 0777);
	mkdir("closeddir", 0755);
	chmod("sticky", 01777);
	chmod("mysticky", 01777);
	chmod("opendir", 0777);
	chown("mysticky", 1000, 1000);
	SHOW(setxattr("ro", "user.a", "v", 1, 0));
	SHOW(setxattr("secret", "user.a", "v", 1, 0));
	SHOW(setxattr("sticky", "user.a", "v", 1, 0));
	abi_run_child("uid 1000", as_user, NULL);
	unlink("ro");
	unlink("rw");
	unlink("secret");
	rmdir("sticky");
	rmdir("mysticky");
	rmdir("opendir");
	rmdir("closeddir");
	return 0;
}
