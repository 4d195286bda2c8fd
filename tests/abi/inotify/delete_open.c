/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A watched file unlinked while open: IN_ATTRIB now, IN_DELETE_SELF at its last close. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f, g;

	close(open("f", O_CREAT | O_WRONLY, 0600));
	SHOW(inotify_add_watch(fd, "f", IN_ALL_EVENTS));
	f = SHOW_OK(open("f", O_RDONLY));
	g = SHOW_OK(dup(f));
	SHOW(unlink("f"));
	ev_drain(fd);
	SHOW(close(f));
	ev_drain(fd);
	SHOW(close(g));
	ev_drain(fd);
	/* two open files of it: the watch ends with the second close */
	close(open("h", O_CREAT | O_WRONLY, 0600));
	SHOW(inotify_add_watch(fd, "h", IN_DELETE_SELF | IN_CLOSE));
	f = SHOW_OK(open("h", O_RDONLY));
	g = SHOW_OK(open("h", O_WRONLY));
	SHOW(unlink("h"));
	SHOW(close(g));
	ev_drain(fd);
	SHOW(close(f));
	ev_drain(fd);
	return 0;
}
