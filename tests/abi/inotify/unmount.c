/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Unmounting a filesystem with watched inodes: IN_UNMOUNT, then IN_IGNORED. */
/* abi: glibc */
#include "ev.h"

#include <sys/mount.h>

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f;

	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	f = open("m/file", O_CREAT | O_WRONLY, 0600);
	close(f);
	SHOW(mkdir("m/dir", 0755));
	SHOW(inotify_add_watch(fd, "m/file", IN_MODIFY));
	SHOW(inotify_add_watch(fd, "m/dir", IN_CREATE));
	SHOW(inotify_add_watch(fd, "m", IN_DELETE));
	SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	SHOW(umount("m"));
	ev_drain(fd);
	SHOW(rmdir("m"));
	ev_drain(fd);
	return 0;
}
