/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Listing a watched directory: IN_OPEN, IN_ACCESS and IN_CLOSE_NOWRITE, with IN_ISDIR. */
/* abi: glibc */
#include "ev.h"

#include <dirent.h>

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), n = 0;
	struct dirent *de;
	DIR *d;

	SHOW(mkdir("d", 0755));
	close(open("d/a", O_CREAT | O_WRONLY, 0600));
	SHOW(inotify_add_watch(fd, "d", IN_ALL_EVENTS));
	d = opendir("d");
	while ((de = readdir(d)))
		n++;
	printf("entries %d\n", n);
	closedir(d);
	ev_drain(fd);
	SHOW(inotify_add_watch(fd, ".", IN_ACCESS | IN_OPEN | IN_CLOSE_NOWRITE));
	d = opendir("d");
	while (readdir(d))
		;
	closedir(d);
	ev_drain(fd);
	unlink("d/a");
	rmdir("d");
	return 0;
}
