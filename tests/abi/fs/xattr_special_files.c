/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* user.* only on regular files and directories (EPERM to set, ENODATA to get elsewhere); trusted.* anywhere. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

int main(void)
{
	char buf[16];

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/f", "");
	SHOW(symlink("f", "t/l"));
	SHOW(mknod("t/p", S_IFIFO | 0644, 0));
	SHOW(mknod("t/c", S_IFCHR | 0644, makedev(1, 3)));
	SHOW(setxattr("t/l", "user.a", "1", 1, 0));
	SHOW(lgetxattr("t/l", "user.a", buf, sizeof(buf)));
	SHOW(getxattr("t/f", "user.a", buf, sizeof(buf)));
	SHOW(lsetxattr("t/l", "user.b", "1", 1, 0));
	SHOW(lremovexattr("t/l", "user.a"));
	SHOW(lsetxattr("t/l", "trusted.a", "22", 2, 0));
	SHOW(lgetxattr("t/l", "trusted.a", buf, sizeof(buf)));
	SHOW(getxattr("t/l", "trusted.a", buf, sizeof(buf)));
	SHOW(llistxattr("t/l", NULL, 0));
	SHOW(listxattr("t/l", NULL, 0));
	SHOW(setxattr("t/p", "user.a", "1", 1, 0));
	SHOW(getxattr("t/p", "user.a", buf, sizeof(buf)));
	SHOW(removexattr("t/p", "user.a"));
	SHOW(setxattr("t/p", "trusted.a", "1", 1, 0));
	SHOW(getxattr("t/p", "trusted.a", buf, sizeof(buf)));
	SHOW(setxattr("t/c", "user.a", "1", 1, 0));
	SHOW(setxattr("t/c", "security.a", "333", 3, 0));
	SHOW(getxattr("t/c", "security.a", buf, sizeof(buf)));
	SHOW(listxattr("t/c", buf, sizeof(buf)));
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
