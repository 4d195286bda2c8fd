/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Shared by the inotify tests: print every queued event, by name. */
#ifndef INOTIFY_EV_H
#define INOTIFY_EV_H

#include <sys/inotify.h>
#include "abi.h"

static const struct {
	unsigned bit;
	const char *name;
} ev_bits[] = {
	{IN_ACCESS, "ACCESS"},
	{IN_MODIFY, "MODIFY"},
	{IN_ATTRIB, "ATTRIB"},
	{IN_CLOSE_WRITE, "CLOSE_WRITE"},
	{IN_CLOSE_NOWRITE, "CLOSE_NOWRITE"},
	{IN_OPEN, "OPEN"},
	{IN_MOVED_FROM, "MOVED_FROM"},
	{IN_MOVED_TO, "MOVED_TO"},
	{IN_CREATE, "CREATE"},
	{IN_DELETE, "DELETE"},
	{IN_DELETE_SELF, "DELETE_SELF"},
	{IN_MOVE_SELF, "MOVE_SELF"},
	{IN_UNMOUNT, "UNMOUNT"},
	{IN_Q_OVERFLOW, "Q_OVERFLOW"},
	{IN_IGNORED, "IGNORED"},
	{IN_ISDIR, "ISDIR"},
};

/* Print one event: wd, mask bits, whether a cookie is set, the name. */
__attribute__((unused)) static void ev_print(const struct inotify_event *e)
{
	printf("  wd=%d", e->wd);
	for (unsigned i = 0; i < sizeof(ev_bits) / sizeof(ev_bits[0]); i++)
		if (e->mask & ev_bits[i].bit)
			printf(" %s", ev_bits[i].name);
	printf(" cookie=%s len=%u name=%s\n", e->cookie ? "set" : "0", e->len,
	       e->len ? e->name : "-");
}

/* Read and print everything queued on `fd` (set O_NONBLOCK for the
 * call); returns the number of events. */
__attribute__((unused)) static int ev_drain(int fd)
{
	char buf[4096] __attribute__((aligned(8)));
	int fl = fcntl(fd, F_GETFL), n = 0;
	ssize_t len;

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len;) {
			struct inotify_event *e = (struct inotify_event *)p;

			ev_print(e);
			n++;
			p += sizeof(*e) + e->len;
		}
	}
	if (len < 0 && errno != EAGAIN)
		printf("  read: %s\n", abi_errname(errno));
	fcntl(fd, F_SETFL, fl);
	printf("  (%d events)\n", n);
	return n;
}

#endif
