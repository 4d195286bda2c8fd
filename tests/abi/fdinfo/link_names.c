/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/fd link names of the event descriptors (anon_inode:...) and their fstat. */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

static struct stat first;

static void show(const char *what, int fd)
{
	char path[64], link[128] = "";
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	readlink(path, link, sizeof(link) - 1);
	fstat(fd, &st);
	if (!first.st_ino)
		first = st;
	printf("%-8s %s mode %o nlink %lu size %lld, same inode as eventfd's: %s\n", what, link,
	       st.st_mode, (unsigned long)st.st_nlink, (long long)st.st_size,
	       st.st_ino == first.st_ino && st.st_dev == first.st_dev ? "yes" : "no");
}

int main(void)
{
	sigset_t m;

	sigemptyset(&m);
	show("eventfd", eventfd(0, 0));
	show("timerfd", timerfd_create(CLOCK_MONOTONIC, 0));
	show("signalfd", signalfd(-1, &m, 0));
	show("epoll", epoll_create1(0));
	show("epoll", epoll_create(1));
	show("inotify", inotify_init());
	show("pidfd", (int)syscall(SYS_pidfd_open, getpid(), 0));
	return 0;
}
