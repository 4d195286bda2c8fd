/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rename over an existing file or directory: the replaced one ends (IN_ATTRIB, IN_DELETE_SELF). */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC);

	close(open("a", O_CREAT | O_WRONLY, 0600));
	close(open("b", O_CREAT | O_WRONLY, 0600));
	SHOW(mkdir("d1", 0755));
	SHOW(mkdir("d2", 0755));
	SHOW(inotify_add_watch(fd, ".", IN_MOVE | IN_DELETE));
	SHOW(inotify_add_watch(fd, "a", IN_ALL_EVENTS));
	SHOW(inotify_add_watch(fd, "b", IN_ALL_EVENTS));
	SHOW(inotify_add_watch(fd, "d2", IN_ALL_EVENTS));
	SHOW(rename("a", "b"));
	ev_drain(fd);
	SHOW(rename("d1", "d2"));
	ev_drain(fd);
	unlink("b");
	rmdir("d2");
	ev_drain(fd);
	return 0;
}
