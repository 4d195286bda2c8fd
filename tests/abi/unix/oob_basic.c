/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MSG_OOB on a stream socketpair: the last byte is urgent, read ahead of the data with MSG_OOB (and MSG_PEEK); EINVAL when none. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static void show_recv(int s, int flags, const char *what)
{
	char b[16] = "";
	struct iovec iov = {b, sizeof(b) - 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n = recvmsg(s, &mh, flags | MSG_DONTWAIT);

	if (n < 0)
		printf("%s: -1 %s\n", what, abi_errname(errno));
	else
		printf("%s: %zd \"%s\" MSG_OOB %d\n", what, n, b, !!(mh.msg_flags & MSG_OOB));
}

int main(void)
{
	int sv[2];
	char c;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	show_recv(sv[1], MSG_OOB, "oob, none sent");
	SHOW(send(sv[0], "abc", 3, MSG_OOB));
	show_recv(sv[1], MSG_OOB | MSG_PEEK, "oob peek");
	show_recv(sv[1], MSG_OOB | MSG_PEEK, "oob peek again");
	show_recv(sv[1], 0, "data");
	show_recv(sv[1], MSG_OOB, "oob");
	show_recv(sv[1], MSG_OOB, "oob again");
	show_recv(sv[1], 0, "data after");
	SHOW(send(sv[0], "d", 1, MSG_OOB));
	SHOW(recv(sv[1], &c, 0, MSG_OOB)); /* a zero-length read still takes it */
	show_recv(sv[1], MSG_OOB, "oob after it");
	SHOW(send(sv[0], "e", 1, MSG_OOB | MSG_DONTWAIT));
	SHOW(send(sv[0], "fg", 2, 0));
	show_recv(sv[1], MSG_OOB, "oob before the data");
	show_recv(sv[1], 0, "data");
	return 0;
}
