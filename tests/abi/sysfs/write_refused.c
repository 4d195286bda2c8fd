/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Read-only sysfs attributes refuse writers even for root (EACCES); the tree refuses new and removed names. */
/* abi: glibc */
#include "abi.h"

#define CPU "/sys/devices/system/cpu/"

int main(void)
{
	int fd;

	SHOW(open(CPU "online", O_WRONLY));
	SHOW(open(CPU "online", O_RDWR));
	SHOW(open(CPU "online", O_WRONLY | O_TRUNC));
	SHOW(open(CPU "possible", O_WRONLY | O_APPEND));
	fd = open(CPU "online", O_RDONLY);
	SHOW(write(fd, "0\n", 2));
	close(fd);
	SHOW(access(CPU "online", R_OK));
	SHOW(access(CPU "online", X_OK));
	SHOW(open(CPU "newfile", O_WRONLY | O_CREAT, 0644));
	SHOW(open(CPU "online", O_WRONLY | O_CREAT | O_EXCL, 0644));
	SHOW(mkdir(CPU "newdir", 0755));
	SHOW(mkdir(CPU "online", 0755));
	SHOW(unlink(CPU "online"));
	SHOW(unlink(CPU "missing"));
	SHOW(rmdir(CPU "cpu0"));
	SHOW(rmdir(CPU "missing"));
	SHOW(symlink("online", CPU "newlink"));
	SHOW(link(CPU "online", CPU "newlink"));
	SHOW(symlink("x", CPU "online"));
	SHOW(rename(CPU "online", CPU "renamed"));
	SHOW(mknod(CPU "fifo", S_IFIFO | 0644, 0));
	return 0;
}
