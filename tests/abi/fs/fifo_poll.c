/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* poll on a FIFO's non-blocking reader: no POLLHUP before a writer has come, POLLIN|POLLHUP after it left. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>

static void show_poll(const char *what, int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int n = poll(&p, 1, 0);

	printf("%s: poll = %d, revents%s%s%s\n", what, n, p.revents & POLLIN ? " POLLIN" : "",
	       p.revents & POLLHUP ? " POLLHUP" : "", p.revents & POLLERR ? " POLLERR" : "");
}

int main(void)
{
	char buf[4];
	int rd, wr;

	SHOW(mkfifo("fifo", 0600));
	rd = open("fifo", O_RDONLY | O_NONBLOCK);
	show_poll("no writer yet", rd);
	SHOW(read(rd, buf, sizeof(buf)));
	wr = open("fifo", O_WRONLY);
	show_poll("writer open", rd);
	SHOW(write(wr, "x", 1));
	show_poll("data", rd);
	close(wr);
	show_poll("writer gone, data left", rd);
	SHOW(read(rd, buf, sizeof(buf)));
	show_poll("writer gone", rd);
	close(rd);
	SHOW(unlink("fifo"));
	return 0;
}
