/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Reads return whole events: a buffer too small for the first is EINVAL; FIONREAD. */
/* abi: glibc */
#include "ev.h"

#include <sys/ioctl.h>

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK), n = -1;
	char buf[256] __attribute__((aligned(8)));

	SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	SHOW(ioctl(fd, FIONREAD, &n));
	printf("empty: %d\n", n);
	SHOW(read(fd, buf, sizeof(buf)));
	SHOW(read(fd, buf, 0));
	SHOW(close(open("name", O_CREAT | O_WRONLY, 0600)));
	SHOW(close(open("other", O_CREAT | O_WRONLY, 0600)));
	SHOW(ioctl(fd, FIONREAD, &n));
	printf("two events: %d\n", n);
	SHOW(ioctl(fd, FIONREAD, ABI_BADPTR));
	SHOW(read(fd, buf, 0));
	SHOW(read(fd, buf, sizeof(struct inotify_event)));
	SHOW(read(fd, buf, sizeof(struct inotify_event) + 15));
	SHOW(read(fd, buf, sizeof(struct inotify_event) + 16));
	SHOW(read(fd, buf, 47));
	SHOW(read(fd, ABI_BADPTR, sizeof(buf)));
	SHOW(ioctl(fd, FIONREAD, &n));
	printf("after the fault: %d\n", n);
	SHOW(ioctl(fd, TCGETS, buf));
	unlink("name");
	unlink("other");
	return 0;
}
