/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Watching a device node: /dev/null's opens, writes, reads and closes. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f;
	char c;

	SHOW(inotify_add_watch(fd, "/dev/null", IN_OPEN | IN_MODIFY | IN_ACCESS | IN_CLOSE));
	f = SHOW_OK(open("/dev/null", O_RDWR));
	SHOW(write(f, "abc", 3));
	SHOW(read(f, &c, 1));
	SHOW(close(f));
	ev_drain(fd);
	return 0;
}
