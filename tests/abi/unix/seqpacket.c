/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SOCK_SEQPACKET: records kept whole, the rest of a long one dropped (MSG_TRUNC), EOF and EPIPE after the peer closes. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

int main(void)
{
	char buf[32] = "";
	struct iovec iov = {buf, 3};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	int sv[2], fd;

	signal(SIGPIPE, SIG_IGN);
	SHOW(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	SHOW(write(sv[0], "one", 3));
	SHOW(write(sv[0], "twotwo", 6));
	SHOW(send(sv[0], "", 0, 0));
	SHOW(read(sv[1], buf, sizeof(buf)));
	SHOW(recvmsg(sv[1], &mh, 0));
	printf("msg_flags MSG_TRUNC %d EOR %d\n", !!(mh.msg_flags & MSG_TRUNC),
	       !!(mh.msg_flags & MSG_EOR));
	SHOW(read(sv[1], buf, sizeof(buf)));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(close(sv[0]));
	SHOW(read(sv[1], buf, sizeof(buf)));
	SHOW(send(sv[1], "x", 1, MSG_NOSIGNAL));
	fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	SHOW(recv(fd, buf, sizeof(buf), 0));
	SHOW(send(fd, "x", 1, 0));
	return 0;
}
