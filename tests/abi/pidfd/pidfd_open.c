/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_open: flags, bad pids, a thread that is not a leader, the fd's flags and /proc link. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sys/syscall.h>

static int tid;

static void *thread(void *arg)
{
	(void)arg;
	tid = (int)syscall(SYS_gettid);
	return NULL;
}

int main(void)
{
	char path[64], link[64] = "";
	pthread_t t;
	int fd;

	SHOW(fd = syscall(SYS_pidfd_open, getpid(), 0));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	SHOW(readlink(path, link, sizeof(link) - 1));
	printf("link %s\n", link);
	SHOW(read(fd, link, 8));
	SHOW(write(fd, link, 8));
	SHOW(fd = syscall(SYS_pidfd_open, getpid(), O_NONBLOCK));
	SHOW(fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	SHOW(syscall(SYS_pidfd_open, getpid(), 1));
	SHOW(syscall(SYS_pidfd_open, getpid(), O_CLOEXEC));
	SHOW(syscall(SYS_pidfd_open, 0, 0));
	SHOW(syscall(SYS_pidfd_open, -1, 0));
	SHOW(syscall(SYS_pidfd_open, 0x3ffffff0, 0));
	pthread_create(&t, NULL, thread, NULL);
	pthread_join(t, NULL);
	SHOW(syscall(SYS_pidfd_open, tid, 0)); /* gone now */
	return 0;
}
