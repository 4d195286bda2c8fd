/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Abstract names (a leading NUL): bound per type, EADDRINUSE, exact lengths, connect by name, ECONNREFUSED once closed. */
/* abi: glibc */
#include "abi.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t name(struct sockaddr_un *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, s, strlen(s));
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(s));
}

int main(void)
{
	struct sockaddr_un a, got;
	socklen_t alen = name(&a, "kevlar-abi-abstract"), len = sizeof(got);
	int s = socket(AF_UNIX, SOCK_STREAM, 0), d = socket(AF_UNIX, SOCK_DGRAM, 0);
	int c = socket(AF_UNIX, SOCK_STREAM, 0), s2 = socket(AF_UNIX, SOCK_STREAM, 0);

	SHOW(bind(s, (struct sockaddr *)&a, alen));
	SHOW(bind(s2, (struct sockaddr *)&a, alen));
	SHOW(bind(d, (struct sockaddr *)&a, alen));
	SHOW(bind(s2, (struct sockaddr *)&a, alen - 1));
	SHOW(getsockname(s, (struct sockaddr *)&got, &len));
	printf("len %d nul %d same %d\n", (int)len, got.sun_path[0], !memcmp(&got, &a, alen));
	SHOW(connect(c, (struct sockaddr *)&a, alen));
	SHOW(listen(s, 5));
	SHOW(connect(c, (struct sockaddr *)&a, alen));
	SHOW(connect(c, (struct sockaddr *)&a, alen));
	len = sizeof(got);
	SHOW(getpeername(c, (struct sockaddr *)&got, &len));
	printf("peer len %d same %d\n", (int)len, !memcmp(&got, &a, alen));
	SHOW(close(s));
	SHOW(connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, alen));
	SHOW(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, alen));
	return 0;
}
