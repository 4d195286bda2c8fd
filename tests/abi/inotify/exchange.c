/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* renameat2 RENAME_EXCHANGE: two moves, each with its own cookie, and both IN_MOVE_SELFs. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	char buf[512] __attribute__((aligned(8)));
	uint32_t cookie[4] = {0};
	int n = 0;

	close(open("a", O_CREAT | O_WRONLY, 0600));
	SHOW(mkdir("d", 0755));
	SHOW(inotify_add_watch(fd, ".", IN_MOVE));
	SHOW(inotify_add_watch(fd, "a", IN_MOVE_SELF));
	SHOW(inotify_add_watch(fd, "d", IN_MOVE_SELF));
	SHOW(syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "d", 2 /* RENAME_EXCHANGE */));
	ssize_t len = read(fd, buf, sizeof(buf));
	for (char *p = buf; len > 0 && p < buf + len; p += sizeof(struct inotify_event)) {
		struct inotify_event *e = (struct inotify_event *)p;

		ev_print(e);
		if (e->cookie && n < 4)
			cookie[n++] = e->cookie;
		p += e->len;
	}
	CHECK(n == 4 && cookie[0] == cookie[1] && cookie[2] == cookie[3]);
	CHECK(cookie[0] != cookie[2]);
	unlink("d");
	rmdir("a");
	return 0;
}
