/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Past max_queued_events (16384) one IN_Q_OVERFLOW ends the queue. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK), f, total = 0;
	char buf[4096] __attribute__((aligned(8))), c;
	struct inotify_event last = {0};
	ssize_t len;

	f = open("f", O_CREAT | O_RDWR, 0600);
	SHOW(write(f, "x", 1));
	SHOW(inotify_add_watch(fd, "f", IN_MODIFY | IN_ACCESS));
	for (int i = 0; i < 8300; i++) { /* alternate, so nothing merges */
		if (pwrite(f, "x", 1, 0) != 1 || pread(f, &c, 1, 0) != 1)
			printf("FAIL: i/o %d\n", i);
	}
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len;) {
			struct inotify_event *e = (struct inotify_event *)p;

			last = *e;
			total++;
			p += sizeof(*e) + e->len;
		}
	}
	printf("events: %d\n", total);
	ev_print(&last);
	/* the queue drained: events queue again */
	SHOW(pwrite(f, "x", 1, 0));
	ev_drain(fd);
	close(f);
	unlink("f");
	return 0;
}
