/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* xattr namespaces on tmpfs: user/trusted/security kept, a bare prefix EINVAL, others EOPNOTSUPP, ACL names absent. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/xattr.h>

int main(void)
{
	char buf[16];

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/f", "");
	SHOW(setxattr("t/f", "user.x", "1", 1, 0));
	SHOW(setxattr("t/f", "trusted.x", "1", 1, 0));
	SHOW(setxattr("t/f", "security.x", "1", 1, 0));
	SHOW(setxattr("t/f", "user.", "1", 1, 0));
	SHOW(setxattr("t/f", "trusted.", "1", 1, 0));
	SHOW(getxattr("t/f", "security.", buf, sizeof(buf)));
	SHOW(removexattr("t/f", "user."));
	SHOW(setxattr("t/f", "user", "1", 1, 0));
	SHOW(setxattr("t/f", "os2.x", "1", 1, 0));
	SHOW(setxattr("t/f", "system.x", "1", 1, 0));
	SHOW(getxattr("t/f", "system.x", buf, sizeof(buf)));
	SHOW(getxattr("t/f", "other.x", buf, sizeof(buf)));
	SHOW(removexattr("t/f", "other.x"));
	SHOW(getxattr("t/f", "security.selinux", buf, sizeof(buf)));
	SHOW(getxattr("t/f", "system.posix_acl_access", buf, sizeof(buf)));
	SHOW(getxattr("t/f", "system.posix_acl_default", buf, sizeof(buf)));
	SHOW(listxattr("t/f", NULL, 0));
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
