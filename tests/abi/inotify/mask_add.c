/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Re-adding a watch replaces its mask; IN_MASK_ADD extends it. */
/* abi: glibc */
#include "ev.h"

static void touch(const char *name)
{
	close(open(name, O_CREAT | O_WRONLY, 0600));
	unlink(name);
}

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), wd;

	wd = SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	touch("a");
	ev_drain(fd);
	CHECK(inotify_add_watch(fd, ".", IN_DELETE) == wd);
	touch("b");
	ev_drain(fd);
	CHECK(inotify_add_watch(fd, ".", IN_CREATE | IN_MASK_ADD) == wd);
	touch("c");
	ev_drain(fd);
	return 0;
}
