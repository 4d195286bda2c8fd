/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Opening a FIFO or a device node checks the node's own bits, before the open blocks or acts. */
/* abi: glibc */
#include "perm.h"

#include <sys/mount.h>
#include <sys/sysmacros.h>

static int user(void *arg)
{
	(void)arg;
	SHOW(open("t/fifo600", O_RDONLY | O_NONBLOCK));
	SHOW(open("t/fifo600", O_WRONLY | O_NONBLOCK));
	SHOW(open("t/fifo666", O_RDONLY | O_NONBLOCK) >= 0);
	SHOW(open("t/null600", O_WRONLY));
	SHOW(open("t/null666", O_WRONLY) >= 0);
	SHOW(open("/dev/null", O_RDWR) >= 0);
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, "mode=0755")); /* device nodes work there */
	SHOW(mknod("t/fifo600", S_IFIFO | 0600, 0));
	SHOW(mknod("t/fifo666", S_IFIFO | 0600, 0));
	chmod("t/fifo666", 0666);
	SHOW(mknod("t/null600", S_IFCHR | 0600, makedev(1, 3)));
	SHOW(mknod("t/null666", S_IFCHR | 0600, makedev(1, 3)));
	chmod("t/null666", 0666);
	perm_as_user("user", user, NULL);
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
