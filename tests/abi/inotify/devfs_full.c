/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Watching a device node (/dev/full, which nothing else on the host uses): open, read, close. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f;
	char c[4];

	SHOW(inotify_add_watch(fd, "/dev/full", IN_OPEN | IN_MODIFY | IN_ACCESS | IN_CLOSE));
	f = SHOW_OK(open("/dev/full", O_RDWR));
	SHOW(write(f, "abc", 3));
	SHOW(read(f, c, sizeof(c)));
	SHOW(close(f));
	ev_drain(fd);
	return 0;
}
