/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* epoll_create/epoll_create1: size and flag checks, EPOLL_CLOEXEC, what the fd looks like. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/stat.h>

int main(void)
{
	struct stat st;
	int ep;

	SHOW(syscall(SYS_epoll_create, 0));
	SHOW(syscall(SYS_epoll_create, -1));
	ep = (int)SHOW_OK(syscall(SYS_epoll_create, 1));
	SHOW(fcntl(ep, F_GETFD));
	SHOW(fcntl(ep, F_GETFL) & O_ACCMODE);
	SHOW(close(ep));
	SHOW(epoll_create1(1));
	SHOW(epoll_create1(O_NONBLOCK));
	SHOW(epoll_create1(EPOLL_CLOEXEC | 1));
	ep = (int)SHOW_OK(epoll_create1(EPOLL_CLOEXEC));
	SHOW(fcntl(ep, F_GETFD));
	SHOW(fstat(ep, &st));
	printf("mode = %#o\n", (unsigned)st.st_mode);
	SHOW(read(ep, &st, 1));
	SHOW(write(ep, "x", 1));
	SHOW(lseek(ep, 0, SEEK_SET));
	SHOW(close(ep));
	return 0;
}
