/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IN_EXCL_UNLINK: a directory stops hearing a child once it is unlinked. */
/* abi: glibc */
#include "ev.h"

static void run(unsigned extra)
{
	int fd = inotify_init1(IN_CLOEXEC), f;

	f = open("f", O_CREAT | O_RDWR, 0600);
	SHOW(inotify_add_watch(fd, ".", IN_MODIFY | IN_DELETE | extra));
	SHOW(write(f, "a", 1));
	SHOW(unlink("f"));
	SHOW(write(f, "b", 1));
	close(f);
	ev_drain(fd);
	close(fd);
}

int main(void)
{
	printf("without IN_EXCL_UNLINK\n");
	run(0);
	printf("with IN_EXCL_UNLINK\n");
	run(IN_EXCL_UNLINK);
	return 0;
}
