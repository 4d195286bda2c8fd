/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* inotify_rm_watch queues IN_IGNORED; unknown wd, wrong fd kinds give EINVAL/EBADF. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), wd;

	wd = SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	SHOW(inotify_rm_watch(fd, wd));
	ev_drain(fd);
	SHOW(inotify_rm_watch(fd, wd));
	SHOW(inotify_rm_watch(fd, 0));
	SHOW(inotify_rm_watch(fd, -1));
	SHOW(inotify_rm_watch(-1, wd));
	SHOW(inotify_rm_watch(0, wd));
	/* a watch descriptor is not reused after removal */
	SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	SHOW(close(open("f", O_CREAT | O_WRONLY, 0600)));
	unlink("f");
	ev_drain(fd);
	return 0;
}
