/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rename gives IN_MOVED_FROM and IN_MOVED_TO with one cookie, and IN_MOVE_SELF. */
/* abi: glibc */
#include "ev.h"

static uint32_t cookies[8];
static int ncookies;

static void collect(int fd)
{
	char buf[1024] __attribute__((aligned(8)));
	ssize_t len = read(fd, buf, sizeof(buf));

	for (char *p = buf; len > 0 && p < buf + len;) {
		struct inotify_event *e = (struct inotify_event *)p;

		ev_print(e);
		if (e->cookie && ncookies < 8)
			cookies[ncookies++] = e->cookie;
		p += sizeof(*e) + e->len;
	}
}

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);

	SHOW(mkdir("a", 0755));
	SHOW(mkdir("b", 0755));
	close(open("a/f", O_CREAT | O_WRONLY, 0600));
	SHOW(inotify_add_watch(fd, "a", IN_MOVE));
	SHOW(inotify_add_watch(fd, "b", IN_MOVE));
	SHOW(inotify_add_watch(fd, "a/f", IN_MOVE_SELF));
	SHOW(rename("a/f", "a/g"));
	SHOW(rename("a/g", "b/h"));
	SHOW(mkdir("a/sub", 0755));
	SHOW(inotify_add_watch(fd, "a/sub", IN_MOVE_SELF));
	SHOW(rename("a/sub", "b/sub"));
	collect(fd);
	printf("cookies: %d\n", ncookies);
	CHECK(cookies[0] == cookies[1]);
	CHECK(cookies[2] == cookies[3]);
	CHECK(cookies[4] == cookies[5]);
	CHECK(cookies[0] != cookies[2] && cookies[2] != cookies[4]);
	rmdir("b/sub");
	unlink("b/h");
	rmdir("a");
	rmdir("b");
	return 0;
}
