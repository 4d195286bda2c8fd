/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Reopening an epoll or inotify descriptor through /proc/self/fd is ENXIO, as for every anon inode. */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/epoll.h>
#include <sys/inotify.h>

int main(void)
{
	char path[64];
	int ep, in;
	struct stat st;

	SHOW(ep = epoll_create1(0));
	SHOW(in = inotify_init1(IN_NONBLOCK));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", ep);
	SHOW(open(path, O_RDONLY));
	SHOW(stat(path, &st));
	printf("mode %o\n", st.st_mode);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", in);
	SHOW(open(path, O_RDONLY));
	SHOW(read(in, path, 0));
	SHOW(read(ep, path, 1));
	SHOW(fcntl(ep, F_GETFL));
	SHOW(fcntl(in, F_GETFL));
	return 0;
}
