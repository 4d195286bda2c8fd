/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A watched directory hears its children's opens, reads, writes and closes, by name. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f, dwd, fwd;
	char c;

	SHOW(mkdir("d", 0755));
	close(open("d/file", O_CREAT | O_WRONLY, 0600));
	dwd = SHOW(inotify_add_watch(fd, "d", IN_ALL_EVENTS));
	f = SHOW_OK(open("d/file", O_RDWR));
	SHOW(write(f, "ab", 2));
	SHOW(pread(f, &c, 1, 0));
	SHOW(fchmod(f, 0644));
	SHOW(close(f));
	ev_drain(fd);
	/* both the file and its directory watched: two events each */
	fwd = SHOW(inotify_add_watch(fd, "d/file", IN_ALL_EVENTS));
	CHECK(fwd != dwd);
	f = SHOW_OK(open("d/file", O_RDONLY));
	SHOW(close(f));
	ev_drain(fd);
	/* the directory itself opened and listed */
	f = SHOW_OK(open("d", O_RDONLY | O_DIRECTORY));
	SHOW(close(f));
	ev_drain(fd);
	unlink("d/file");
	rmdir("d");
	return 0;
}
