/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* inotify_init1: IN_CLOEXEC and IN_NONBLOCK land on the fd, other flags EINVAL. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd, fl;
	char buf[64];

	fd = SHOW_OK(inotify_init());
	fl = fcntl(fd, F_GETFL);
	FACT("init: nonblock", fl & O_NONBLOCK);
	FACT("init: cloexec", fcntl(fd, F_GETFD) & FD_CLOEXEC);
	FACT("init: read-only", (fl & O_ACCMODE) == O_RDONLY);
	close(fd);
	fd = SHOW_OK(inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
	FACT("init1: nonblock", fcntl(fd, F_GETFL) & O_NONBLOCK);
	FACT("init1: cloexec", fcntl(fd, F_GETFD) & FD_CLOEXEC);
	SHOW(read(fd, buf, sizeof(buf)));
	SHOW(write(fd, "x", 1));
	SHOW(lseek(fd, 0, SEEK_SET));
	close(fd);
	SHOW(syscall(SYS_inotify_init1, 1));
	SHOW(syscall(SYS_inotify_init1, O_RDWR));
	SHOW(syscall(SYS_inotify_init1, ~0));
	return 0;
}
