/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* user.* xattrs only on regular files and directories: EPERM to set, ENODATA to get, elsewhere. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/xattr.h>

static void kinds(void)
{
	char buf[64];

	SHOW(lsetxattr("link", "user.a", "v", 1, 0));
	SHOW(lgetxattr("link", "user.a", buf, sizeof(buf)));
	SHOW(lremovexattr("link", "user.a"));
	SHOW(setxattr("fifo", "user.a", "v", 1, 0));
	SHOW(getxattr("fifo", "user.a", buf, sizeof(buf)));
	SHOW(setxattr("/dev/null", "user.a", "v", 1, 0));
	SHOW(getxattr("/dev/null", "user.a", buf, sizeof(buf)));
}

static int as_user(void *arg)
{
	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	kinds();
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("f", "x");
	symlink("f", "link");
	mkfifo("fifo", 0666);
	kinds();
	abi_run_child("uid 1000", as_user, NULL);
	unlink("f");
	unlink("link");
	unlink("fifo");
	return 0;
}
