/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* xattr where none are kept: procfs answers EOPNOTSUPP and an empty list, /dev ENODATA, a pipe ENODATA/EPERM for user.*. */
/* abi: glibc */
#include "abi.h"

#include <sys/xattr.h>

int main(void)
{
	char buf[16];
	int p[2];

	SHOW(getxattr("/proc/self/status", "user.a", buf, sizeof(buf)));
	SHOW(getxattr("/proc/self/status", "security.selinux", buf, sizeof(buf)));
	SHOW(lgetxattr("/proc/self/status", "system.posix_acl_access", buf, sizeof(buf)));
	SHOW(setxattr("/proc/self/status", "user.a", "1", 1, 0));
	SHOW(removexattr("/proc/self/status", "trusted.a"));
	SHOW(listxattr("/proc/self/status", buf, sizeof(buf)));
	SHOW(llistxattr("/proc/self/status", NULL, 0));
	SHOW(listxattr("/proc", buf, sizeof(buf)));
	SHOW(pipe(p));
	SHOW(fgetxattr(p[0], "user.a", buf, sizeof(buf)));
	SHOW(fsetxattr(p[1], "user.a", "1", 1, 0));
	SHOW(fremovexattr(p[1], "user.a"));
	SHOW(flistxattr(p[0], buf, sizeof(buf)));
	SHOW(getxattr("/dev/null", "user.a", buf, sizeof(buf)));
	SHOW(getxattr("/dev/null", "trusted.a", buf, sizeof(buf)));
	SHOW(lgetxattr("/dev/null", "security.selinux", buf, sizeof(buf)));
	SHOW(getxattr("/dev/null", "system.posix_acl_access", NULL, 0));
	SHOW(getxattr("/dev/null", "other.a", buf, sizeof(buf)));
	SHOW(listxattr("/dev/null", buf, sizeof(buf)));
	return 0;
}
