/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* xattrs belong to the inode: hard links share them, rename keeps them, an unlinked open file keeps them. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/xattr.h>

int main(void)
{
	char buf[16] = "";
	int fd;

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/a", "");
	SHOW(setxattr("t/a", "user.shared", "one", 3, 0));
	SHOW(link("t/a", "t/b"));
	SHOW(getxattr("t/b", "user.shared", buf, sizeof(buf)));
	SHOW(setxattr("t/b", "user.shared", "two", 3, XATTR_REPLACE));
	SHOW(getxattr("t/a", "user.shared", buf, sizeof(buf)));
	printf("value: %.3s\n", buf);
	SHOW(rename("t/a", "t/c"));
	SHOW(getxattr("t/c", "user.shared", buf, sizeof(buf)));
	fd = open("t/c", O_RDONLY);
	SHOW(unlink("t/c"));
	SHOW(unlink("t/b"));
	SHOW(fgetxattr(fd, "user.shared", buf, sizeof(buf)));
	SHOW(fsetxattr(fd, "user.late", "x", 1, 0));
	SHOW(flistxattr(fd, NULL, 0));
	close(fd);
	mkdir("t/d", 0755);
	SHOW(setxattr("t/d", "trusted.dir", "1", 1, 0));
	SHOW(rename("t/d", "t/e"));
	SHOW(getxattr("t/e", "trusted.dir", buf, sizeof(buf)));
	SHOW(rmdir("t/e"));
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
