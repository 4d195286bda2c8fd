/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Watching the test's own executable (the initramfs in Kevlar): open, read, close. */
/* abi: glibc */
#include "ev.h"

int main(int argc, char **argv)
{
	int fd = inotify_init1(IN_CLOEXEC), f;
	char buf[16];

	(void)argc;
	SHOW(inotify_add_watch(fd, argv[0], IN_ALL_EVENTS));
	f = SHOW_OK(open(argv[0], O_RDONLY));
	SHOW(read(f, buf, 4));
	printf("magic: %.3s\n", buf + 1);
	SHOW(close(f));
	ev_drain(fd);
	return 0;
}
