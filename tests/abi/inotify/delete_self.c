/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Removing a watched file or directory: IN_DELETE_SELF, then IN_IGNORED. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), wd;

	close(open("f", O_CREAT | O_WRONLY, 0600));
	SHOW(link("f", "g"));
	SHOW(mkdir("d", 0755));
	SHOW(inotify_add_watch(fd, "f", IN_ALL_EVENTS));
	wd = SHOW(inotify_add_watch(fd, "d", IN_ALL_EVENTS));
	SHOW(unlink("g"));
	ev_drain(fd);
	SHOW(unlink("f"));
	ev_drain(fd);
	SHOW(chmod("d", 0700));
	SHOW(rmdir("d"));
	ev_drain(fd);
	SHOW(inotify_rm_watch(fd, wd));
	/* with only IN_CREATE asked, the removal still ends the watch */
	SHOW(mkdir("d", 0755));
	SHOW(inotify_add_watch(fd, "d", IN_CREATE));
	SHOW(rmdir("d"));
	ev_drain(fd);
	return 0;
}
