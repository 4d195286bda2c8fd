/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The urgent byte is a mark: a read stops before it, SIOCATMARK says when the next read starts there, and reading on drops it. */
/* abi: glibc */
#include "abi.h"
#include <sys/ioctl.h>
#include <sys/socket.h>

static void show_read(int s, size_t len, int flags)
{
	char b[16] = "";
	ssize_t n = recv(s, b, len, flags | MSG_DONTWAIT);

	if (n < 0)
		printf("recv(%zu) = -1 %s\n", len, abi_errname(errno));
	else
		printf("recv(%zu) = %zd \"%s\"\n", len, n, b);
}

static void mark(int s)
{
	int at = -1;

	SHOW(ioctl(s, SIOCATMARK, &at));
	printf("at mark: %d\n", at);
}

int main(void)
{
	int sv[2];
	char c;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	mark(sv[1]);
	SHOW(send(sv[0], "ab", 2, MSG_OOB));
	SHOW(send(sv[0], "cd", 2, 0));
	mark(sv[1]);
	show_read(sv[1], 15, 0); /* stops at the mark */
	mark(sv[1]);
	show_read(sv[1], 15, MSG_PEEK); /* a peek skips the urgent byte */
	show_read(sv[1], 15, 0);	/* a read drops it */
	show_read(sv[1], 15, MSG_OOB);
	mark(sv[1]);
	SHOW(send(sv[0], "xy", 2, MSG_OOB));
	SHOW(send(sv[0], "zw", 2, 0));
	show_read(sv[1], 15, MSG_WAITALL); /* MSG_WAITALL stops there too */
	show_read(sv[1], 1, MSG_OOB);
	mark(sv[1]);
	show_read(sv[1], 15, 0);
	mark(sv[1]);
	SHOW(send(sv[0], "12", 2, MSG_OOB));
	SHOW(send(sv[0], "3", 1, MSG_OOB)); /* the older byte becomes data */
	show_read(sv[1], 15, 0);
	SHOW(recv(sv[1], &c, 1, MSG_OOB));
	printf("oob: %c\n", c);
	show_read(sv[1], 15, 0);
	return 0;
}
