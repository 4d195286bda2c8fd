/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mknod of character and block devices needs CAP_MKNOD (EPERM, after EEXIST); FIFOs and files need none. */
/* abi: glibc */
#include "abi.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(mknod("d/null", S_IFCHR | 0666, makedev(1, 3)));
	SHOW(mknod("d/blk", S_IFBLK | 0600, makedev(7, 0)));
	SHOW(mknod("d/fifo", S_IFIFO | 0600, 0));
	SHOW(mknod("d/file", S_IFREG | 0600, 0));
	SHOW(mknod("d/fifo", S_IFCHR | 0600, makedev(1, 3)));
	SHOW(mknod("d/bad", 0170000 | 0600, 0));
	return 0;
}

int main(void)
{
	SHOW(chmod(".", 0711));
	SHOW(mkdir("d", 0777));
	SHOW(chmod("d", 0777));
	abi_run_child("uid 1000", child, NULL);
	SHOW(unlink("d/fifo"));
	SHOW(unlink("d/file"));
	SHOW(mknod("d/null", S_IFCHR | 0666, makedev(1, 3))); /* root may */
	SHOW(unlink("d/null"));
	SHOW(rmdir("d"));
	return 0;
}
