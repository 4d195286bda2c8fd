/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* After IN_Q_OVERFLOW, events queue again (behind it) as soon as a read makes room. */
/* abi: glibc */
#include "ev.h"

static void touch(int f, int i)
{
	char c;

	if (i % 2 ? pread(f, &c, 1, 0) != 1 : pwrite(f, "x", 1, 0) != 1)
		printf("FAIL: i/o %d\n", i);
}

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK), f, total = 0;
	struct inotify_event e[4], last = {0};
	ssize_t n;

	f = open("f", O_CREAT | O_RDWR, 0600);
	SHOW(write(f, "x", 1));
	SHOW(inotify_add_watch(fd, "f", IN_MODIFY | IN_ACCESS));
	for (int i = 0; i < 16384; i++)
		touch(f, i);
	touch(f, 16384); /* the queue is full: the overflow event */
	touch(f, 16385); /* dropped */
	SHOW(read(fd, e, sizeof(e[0]) * 2));
	touch(f, 16386); /* two free places, one event */
	touch(f, 16387);
	while ((n = read(fd, e, sizeof(e))) > 0) {
		for (int i = 0; i < n / (int)sizeof(e[0]); i++)
			last = e[i], total++;
		if (total == 16384 - 2 + 1)
			ev_print(&e[n / (int)sizeof(e[0]) - 1]);
	}
	printf("events: %d\n", total);
	ev_print(&last);
	close(f);
	unlink("f");
	return 0;
}
