/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An event identical to the last one queued is merged into it; others are not. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f;
	char c;

	f = open("f", O_CREAT | O_RDWR, 0600);
	SHOW(inotify_add_watch(fd, "f", IN_MODIFY | IN_ACCESS));
	SHOW(write(f, "a", 1));
	SHOW(write(f, "b", 1));
	SHOW(write(f, "c", 1));
	ev_drain(fd);
	SHOW(write(f, "a", 1));
	SHOW(pread(f, &c, 1, 0));
	SHOW(write(f, "b", 1));
	ev_drain(fd);
	/* after a read empties the queue, the same event queues again */
	SHOW(write(f, "a", 1));
	ev_drain(fd);
	SHOW(write(f, "a", 1));
	ev_drain(fd);
	close(f);
	unlink("f");
	return 0;
}
