/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendfile and copy_file_range: IN_ACCESS on the source, IN_MODIFY on the target. */
/* abi: glibc */
#include "ev.h"

#include <sys/sendfile.h>

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), in, out;
	off_t off = 0;

	in = open("in", O_CREAT | O_RDWR, 0600);
	out = open("out", O_CREAT | O_RDWR, 0600);
	SHOW(write(in, "abcdef", 6));
	SHOW(inotify_add_watch(fd, ".", IN_ACCESS | IN_MODIFY));
	SHOW(sendfile(out, in, &off, 3));
	ev_drain(fd);
	SHOW(sendfile(out, in, &off, 0));
	ev_drain(fd);
	off = 0;
	SHOW(syscall(SYS_copy_file_range, in, &off, out, NULL, 6, 0));
	ev_drain(fd);
	close(in);
	close(out);
	unlink("in");
	unlink("out");
	return 0;
}
