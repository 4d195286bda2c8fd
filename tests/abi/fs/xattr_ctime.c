/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Setting or removing an xattr moves ctime and leaves mtime; a refused or read-only call moves neither. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/xattr.h>

static struct stat before;

static void mark(void)
{
	stat("t/f", &before);
	usleep(30000); /* past the coarse clock's tick */
}

static void changed(const char *what)
{
	struct stat now;

	stat("t/f", &now);
	printf("%s: ctime %s, mtime %s\n", what,
	       now.st_ctim.tv_sec != before.st_ctim.tv_sec ||
			       now.st_ctim.tv_nsec != before.st_ctim.tv_nsec
		       ? "moved"
		       : "same",
	       now.st_mtim.tv_sec != before.st_mtim.tv_sec ||
			       now.st_mtim.tv_nsec != before.st_mtim.tv_nsec
		       ? "moved"
		       : "same");
}

int main(void)
{
	char buf[4];

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/f", "");
	mark();
	SHOW(setxattr("t/f", "user.a", "1", 1, 0));
	changed("set");
	mark();
	SHOW(setxattr("t/f", "user.a", "2", 1, XATTR_CREATE));
	changed("refused set");
	mark();
	SHOW(getxattr("t/f", "user.a", buf, sizeof(buf)));
	SHOW(listxattr("t/f", NULL, 0));
	changed("get and list");
	mark();
	SHOW(removexattr("t/f", "user.a"));
	changed("remove");
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
