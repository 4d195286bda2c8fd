/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* splice between a file and a pipe: IN_ACCESS on the file read, IN_MODIFY on the file written. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), in, out, p[2];

	in = open("in", O_CREAT | O_RDWR, 0600);
	out = open("out", O_CREAT | O_RDWR, 0600);
	SHOW(write(in, "abcdef", 6));
	SHOW(pipe(p));
	SHOW(inotify_add_watch(fd, ".", IN_ACCESS | IN_MODIFY));
	SHOW(splice(in, &(loff_t){0}, p[1], NULL, 4, 0));
	ev_drain(fd);
	SHOW(splice(p[0], NULL, out, NULL, 4, 0));
	ev_drain(fd);
	SHOW(splice(in, &(loff_t){6}, p[1], NULL, 4, 0));
	ev_drain(fd);
	close(in);
	close(out);
	unlink("in");
	unlink("out");
	return 0;
}
