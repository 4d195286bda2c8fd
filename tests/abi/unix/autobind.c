/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Autobind: bind() with only the family gives an abstract "\0XXXXX" name; an unbound socket's name is the family alone. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX}, got;
	socklen_t len = sizeof(got);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0), i, hex = 1, sv[2];

	SHOW(getsockname(fd, (struct sockaddr *)&got, &len));
	printf("unbound len %d family %d\n", (int)len, got.sun_family);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(sa_family_t)));
	len = sizeof(got);
	SHOW(getsockname(fd, (struct sockaddr *)&got, &len));
	for (i = 1; i < 6; i++)
		hex &= !!strchr("0123456789abcdef", got.sun_path[i]);
	printf("len %d nul %d hex %d\n", (int)len, got.sun_path[0], hex);
	SHOW(bind(fd, (struct sockaddr *)&a, sizeof(sa_family_t)));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	len = sizeof(got);
	SHOW(getpeername(sv[0], (struct sockaddr *)&got, &len));
	printf("pair peer len %d\n", (int)len);
	len = 1;
	SHOW(getsockname(fd, (struct sockaddr *)&got, &len));
	printf("short buffer: len %d\n", (int)len);
	len = -1;
	SHOW(getsockname(fd, (struct sockaddr *)&got, &len));
	SHOW(getsockname(fd, (struct sockaddr *)&got, ABI_BADPTR));
	SHOW(getpeername(fd, (struct sockaddr *)&got, &len));
	return 0;
}
