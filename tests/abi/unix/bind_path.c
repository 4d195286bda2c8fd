/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* bind() to a path: the socket node it makes (mode less umask), EADDRINUSE, EINVAL when bound, getsockname's length, bad addresses. */
/* abi: glibc */
#include "abi.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX}, got;
	socklen_t len = sizeof(got);
	struct stat st;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), fd2 = socket(AF_UNIX, SOCK_DGRAM, 0);

	strcpy(a.sun_path, "sock");
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	SHOW(stat("sock", &st));
	printf("S_ISSOCK %d mode %o size %lld\n", S_ISSOCK(st.st_mode), st.st_mode & 07777,
	       (long long)st.st_size);
	SHOW(getsockname(fd, (struct sockaddr *)&got, &len));
	printf("len %d path '%s'\n", (int)len, got.sun_path);
	SHOW(bind(fd2, (struct sockaddr *)&a, sizeof(a)));
	strcpy(a.sun_path, "other");
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	SHOW(access("other", F_OK));
	SHOW(bind(fd2, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + 5));
	len = sizeof(got);
	SHOW(getsockname(fd2, (struct sockaddr *)&got, &len));
	printf("len %d path '%s'\n", (int)len, got.sun_path);
	SHOW(open("sock", O_RDWR));
	SHOW(unlink("sock"));
	SHOW(unlink("other"));
	strcpy(a.sun_path, "nodir/sock");
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof(a)));
	a.sun_family = AF_INET;
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof(a)));
	a.sun_family = AF_UNIX;
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof(a) + 1));
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, 200));
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, -1));
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, 1));
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), ABI_BADPTR, sizeof(a)));
	SHOW(bind(-1, (struct sockaddr *)&a, sizeof(a)));
	return 0;
}
