/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A watched file reports open, read, write, attribute changes and both closes. */
/* abi: glibc */
#include "ev.h"

#include <sys/time.h>

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f;
	char c;

	close(open("file", O_CREAT | O_WRONLY, 0600));
	SHOW(inotify_add_watch(fd, "file", IN_ALL_EVENTS));
	f = SHOW_OK(open("file", O_RDWR));
	SHOW(write(f, "ab", 2));
	SHOW(pread(f, &c, 1, 0));
	SHOW(read(f, &c, 1));
	SHOW(close(f));
	ev_drain(fd);
	f = SHOW_OK(open("file", O_RDONLY));
	SHOW(close(f));
	SHOW(chmod("file", 0644));
	SHOW(truncate("file", 1));
	SHOW(utimes("file", NULL));
	SHOW(chown("file", 0, 0));
	ev_drain(fd);
	f = SHOW_OK(open("file", O_WRONLY | O_TRUNC));
	SHOW(ftruncate(f, 4));
	SHOW(fchmod(f, 0600));
	SHOW(write(f, "", 0));
	SHOW(close(f));
	ev_drain(fd);
	unlink("file");
	return 0;
}
