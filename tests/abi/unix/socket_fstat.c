/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A socket's fstat (S_IFSOCK|0777), its /proc/self/fd link "socket:[ino]", ESPIPE, ENXIO on reopening, ENOTSOCK on a pipe. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

int main(void)
{
	char path[64], link[64], want[64];
	struct stat st;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), p[2], v;
	socklen_t len = sizeof(v);
	ssize_t n;

	SHOW(fstat(fd, &st));
	printf("mode %o nlink %d size %lld uid %d\n", st.st_mode, (int)st.st_nlink,
	       (long long)st.st_size, st.st_uid);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "socket:[%llu]", (unsigned long long)st.st_ino);
	FACT("link is socket:[st_ino]", !strcmp(link, want));
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(open(path, O_RDWR));
	SHOW(pread(fd, link, 1, 0));
	SHOW(pipe(p));
	SHOW(getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len));
	SHOW(listen(p[0], 1));
	SHOW(shutdown(p[0], SHUT_RD));
	SHOW(listen(99, 1));
	SHOW(socket(AF_UNIX, SOCK_STREAM, 0) != fd + 3);
	return 0;
}
