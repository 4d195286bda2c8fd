/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fallocate is IN_MODIFY, as a write is; a failed one is nothing. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f;

	f = open("f", O_CREAT | O_RDWR, 0600);
	SHOW(inotify_add_watch(fd, "f", IN_MODIFY | IN_ATTRIB));
	SHOW(fallocate(f, 0, 0, 4096));
	ev_drain(fd);
	SHOW(fallocate(f, 0, -1, 4096));
	ev_drain(fd);
	close(f);
	unlink("f");
	return 0;
}
