/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* eventfd: an anonymous inode (mode 0600, its /proc link, no reopen), O_CLOEXEC. */
/* abi: glibc */
#include "abi.h"
#include <sys/eventfd.h>

int main(void)
{
	char path[64], link[64] = "";
	struct stat st;
	int fd;

	SHOW(fd = eventfd(0, EFD_CLOEXEC));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	SHOW(fstat(fd, &st));
	printf("mode %o nlink %lu size %lld\n", st.st_mode, (unsigned long)st.st_nlink,
	       (long long)st.st_size);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	SHOW(readlink(path, link, sizeof(link) - 1));
	printf("link %s\n", link);
	SHOW(open(path, O_RDWR));
	SHOW(fd = eventfd(0, EFD_NONBLOCK));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	return 0;
}
