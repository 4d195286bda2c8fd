/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_open: flags, bad pids, the fd's flags, mode and /proc link; no read or write. */
/* abi: glibc */
#include "abi.h"
#include <sys/syscall.h>

int main(void)
{
	char path[64], link[64] = "";
	struct stat st;
	int fd;

	SHOW(fd = syscall(SYS_pidfd_open, getpid(), 0));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	SHOW(readlink(path, link, sizeof(link) - 1));
	printf("link %s\n", link);
	SHOW(fstat(fd, &st));
	printf("mode %o nlink %lu\n", st.st_mode, (unsigned long)st.st_nlink);
	SHOW(read(fd, link, 8));
	SHOW(write(fd, link, 8));
	SHOW(fd = syscall(SYS_pidfd_open, getpid(), O_NONBLOCK));
	SHOW(fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	SHOW(syscall(SYS_pidfd_open, getpid(), 1));
	SHOW(syscall(SYS_pidfd_open, getpid(), O_CLOEXEC));
	SHOW(syscall(SYS_pidfd_open, 0, 0));
	SHOW(syscall(SYS_pidfd_open, -1, 0));
	SHOW(syscall(SYS_pidfd_open, 0x3ffffff0, 0));
	return 0;
}
