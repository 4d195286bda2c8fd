/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IN_ONESHOT: one event, then IN_IGNORED and the watch is gone. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), wd;

	wd = SHOW(inotify_add_watch(fd, ".", IN_CREATE | IN_ONESHOT));
	SHOW(close(open("a", O_CREAT | O_WRONLY, 0600)));
	SHOW(close(open("b", O_CREAT | O_WRONLY, 0600)));
	ev_drain(fd);
	SHOW(inotify_rm_watch(fd, wd));
	CHECK(inotify_add_watch(fd, ".", IN_CREATE) != wd);
	SHOW(close(open("c", O_CREAT | O_WRONLY, 0600)));
	ev_drain(fd);
	unlink("a");
	unlink("b");
	unlink("c");
	return 0;
}
