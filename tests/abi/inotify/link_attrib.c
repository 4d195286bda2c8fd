/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* link and unlink change a watched file's link count: IN_ATTRIB, beside the directory's events. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC);

	close(open("a", O_CREAT | O_WRONLY, 0600));
	SHOW(inotify_add_watch(fd, ".", IN_ALL_EVENTS));
	SHOW(inotify_add_watch(fd, "a", IN_ALL_EVENTS));
	SHOW(link("a", "b"));
	ev_drain(fd);
	SHOW(unlink("a"));
	ev_drain(fd);
	SHOW(unlink("b"));
	ev_drain(fd);
	return 0;
}
