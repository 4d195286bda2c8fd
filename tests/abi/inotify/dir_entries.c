/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A watched directory reports entries created and deleted, IN_ISDIR for directories. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC);

	SHOW(inotify_add_watch(fd, ".", IN_CREATE | IN_DELETE));
	SHOW(close(open("file", O_CREAT | O_WRONLY, 0600)));
	SHOW(mkdir("dir", 0755));
	SHOW(symlink("file", "sym"));
	SHOW(link("file", "hard"));
	SHOW(mknod("fifo", S_IFIFO | 0600, 0));
	SHOW(unlink("sym"));
	SHOW(unlink("hard"));
	SHOW(unlink("fifo"));
	SHOW(rmdir("dir"));
	SHOW(unlink("file"));
	SHOW(unlink("file"));
	ev_drain(fd);
	/* a name of 15 bytes and one of 16: padded to 16 and 32 */
	SHOW(close(open("abcdefghijklmno", O_CREAT | O_WRONLY, 0600)));
	SHOW(close(open("abcdefghijklmnop", O_CREAT | O_WRONLY, 0600)));
	unlink("abcdefghijklmno");
	unlink("abcdefghijklmnop");
	ev_drain(fd);
	return 0;
}
