/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* xattr errors: EFAULT for each pointer, ENOENT, ENOTDIR, EBADF and O_PATH descriptors for the f* calls. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/xattr.h>

int main(void)
{
	char buf[16];
	int fd, pfd;

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/f", "");
	SHOW(setxattr("t/f", "user.a", "12345", 5, 0));
	SHOW(getxattr(ABI_BADPTR, "user.a", buf, sizeof(buf)));
	SHOW(getxattr("t/f", ABI_BADPTR, buf, sizeof(buf)));
	SHOW(getxattr("t/f", ABI_KERNPTR, buf, sizeof(buf)));
	SHOW(syscall(SYS_getxattr, "t/f", "user.a", ABI_BADPTR, sizeof(buf)));
	SHOW(syscall(SYS_getxattr, "t/f", "user.a", ABI_BADPTR, 0));
	SHOW(syscall(SYS_setxattr, "t/f", "user.a", ABI_BADPTR, 4, 0));
	SHOW(syscall(SYS_setxattr, "t/f", "user.b", ABI_BADPTR, 0, 0));
	SHOW(syscall(SYS_listxattr, "t/f", ABI_BADPTR, sizeof(buf)));
	SHOW(removexattr("t/f", ABI_BADPTR));
	SHOW(getxattr("t/missing", "user.a", buf, sizeof(buf)));
	SHOW(getxattr("t/f/x", "user.a", buf, sizeof(buf)));
	SHOW(getxattr("", "user.a", buf, sizeof(buf)));
	SHOW(listxattr("t/missing", buf, sizeof(buf)));
	SHOW(setxattr("t/missing", "user.a", "1", 1, 0));
	SHOW(removexattr("t/missing", "user.a"));
	SHOW(fgetxattr(-1, "user.a", buf, sizeof(buf)));
	SHOW(fsetxattr(99, "user.a", "1", 1, 0));
	SHOW(flistxattr(99, buf, sizeof(buf)));
	SHOW(fremovexattr(99, "user.a"));
	fd = open("t/f", O_RDONLY);
	SHOW(fsetxattr(fd, "user.fd", "via fd", 6, 0));
	SHOW(fgetxattr(fd, "user.fd", buf, sizeof(buf)));
	SHOW(flistxattr(fd, NULL, 0));
	SHOW(fremovexattr(fd, "user.fd"));
	SHOW(fremovexattr(fd, "user.fd"));
	pfd = open("t/f", O_PATH);
	SHOW(fgetxattr(pfd, "user.a", buf, sizeof(buf)));
	SHOW(fsetxattr(pfd, "user.a", "1", 1, 0));
	SHOW(flistxattr(pfd, buf, sizeof(buf)));
	close(fd);
	close(pfd);
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
