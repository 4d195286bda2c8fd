/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_OOBINLINE: the urgent byte stays in the data (MSG_OOB reads EINVAL), still a mark that stops a read. */
/* abi: glibc */
#include "abi.h"
#include <sys/ioctl.h>
#include <sys/socket.h>

static void show_read(int s, int flags)
{
	char b[16] = "";
	ssize_t n = recv(s, b, sizeof(b) - 1, flags | MSG_DONTWAIT);

	if (n < 0)
		printf("recv = -1 %s\n", abi_errname(errno));
	else
		printf("recv = %zd \"%s\"\n", n, b);
}

int main(void)
{
	int sv[2], one = 1, v = -1, at = -1;
	socklen_t len = sizeof(v);

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(getsockopt(sv[1], SOL_SOCKET, SO_OOBINLINE, &v, &len));
	printf("SO_OOBINLINE %d\n", v);
	SHOW(setsockopt(sv[1], SOL_SOCKET, SO_OOBINLINE, &one, sizeof(one)));
	SHOW(getsockopt(sv[1], SOL_SOCKET, SO_OOBINLINE, &v, &len));
	printf("SO_OOBINLINE %d\n", v);
	SHOW(send(sv[0], "pq", 2, MSG_OOB));
	SHOW(send(sv[0], "rs", 2, 0));
	show_read(sv[1], MSG_OOB);
	show_read(sv[1], 0);
	SHOW(ioctl(sv[1], SIOCATMARK, &at));
	printf("at mark: %d\n", at);
	show_read(sv[1], MSG_PEEK);
	show_read(sv[1], 0);
	SHOW(send(sv[0], "X", 1, MSG_OOB));
	show_read(sv[1], 0);
	show_read(sv[1], 0);
	SHOW(setsockopt(sv[1], SOL_SOCKET, SO_OOBINLINE, &v, 3));
	return 0;
}
