/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Setting or removing an extended attribute is IN_ATTRIB, for the file and its directory. */
/* abi: glibc */
#include "ev.h"

#include <sys/xattr.h>

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f;

	f = open("f", O_CREAT | O_WRONLY, 0600);
	SHOW(inotify_add_watch(fd, ".", IN_ATTRIB));
	SHOW(inotify_add_watch(fd, "f", IN_ATTRIB));
	SHOW(setxattr("f", "user.k", "v", 1, 0));
	ev_drain(fd);
	SHOW(fremovexattr(f, "user.k"));
	ev_drain(fd);
	SHOW(removexattr("f", "user.k"));
	ev_drain(fd);
	close(f);
	unlink("f");
	return 0;
}
