/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setxattr flags: XATTR_CREATE gives EEXIST, XATTR_REPLACE ENODATA, both at once, unknown bits EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/xattr.h>

int main(void)
{
	char buf[8] = "";

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/f", "");
	SHOW(setxattr("t/f", "user.a", "1", 1, XATTR_REPLACE));
	SHOW(setxattr("t/f", "user.a", "1", 1, XATTR_CREATE));
	SHOW(setxattr("t/f", "user.a", "2", 1, XATTR_CREATE));
	SHOW(setxattr("t/f", "user.a", "3", 1, XATTR_REPLACE));
	SHOW(getxattr("t/f", "user.a", buf, sizeof(buf)));
	printf("value: %.1s\n", buf);
	SHOW(setxattr("t/f", "user.a", "4", 1, XATTR_CREATE | XATTR_REPLACE));
	SHOW(setxattr("t/f", "user.b", "4", 1, XATTR_CREATE | XATTR_REPLACE));
	SHOW(setxattr("t/f", "user.a", "5", 1, 4));
	SHOW(setxattr("t/f", "user.a", "5", 1, -1));
	SHOW(setxattr("t/f", "user.nope", "5", 1, 8));
	SHOW(setxattr("t/nonexistent", "user.a", "5", 1, 4));
	SHOW(getxattr("t/f", "user.a", buf, sizeof(buf)));
	printf("value: %.1s\n", buf);
	SHOW(removexattr("t/f", "user.a"));
	SHOW(removexattr("t/f", "user.a"));
	SHOW(setxattr("t/f", "user.a", "6", 1, XATTR_REPLACE));
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
