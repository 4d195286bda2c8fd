/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An instance polls readable once an event is queued; a blocking read waits for one. */
/* abi: glibc */
#include "ev.h"

#include <poll.h>

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC);
	struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
	char buf[256] __attribute__((aligned(8)));
	pid_t pid;

	SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	SHOW(poll(&p, 1, 0));
	printf("revents: %#x\n", p.revents);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		close(open("late", O_CREAT | O_WRONLY, 0600));
		_exit(0);
	}
	SHOW(poll(&p, 1, 5000));
	printf("revents: %#x\n", p.revents);
	ssize_t n = SHOW(read(fd, buf, sizeof(buf)));
	if (n > 0)
		ev_print((struct inotify_event *)buf);
	abi_wait_child("child", pid);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		unlink("late");
		_exit(0);
	}
	SHOW(inotify_add_watch(fd, ".", IN_DELETE));
	n = SHOW(read(fd, buf, sizeof(buf)));
	if (n > 0)
		ev_print((struct inotify_event *)buf);
	abi_wait_child("child", pid);
	return 0;
}
