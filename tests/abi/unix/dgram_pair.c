/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* socketpair(SOCK_DGRAM): message boundaries, truncation (MSG_TRUNC in and out), empty datagrams, FIONREAD of the next one. */
/* abi: glibc */
#include "abi.h"
#include <sys/ioctl.h>
#include <sys/socket.h>

int main(void)
{
	char buf[32] = "";
	struct iovec iov = {buf, 4};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	int sv[2], n = -1;

	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	SHOW(write(sv[0], "first", 5));
	SHOW(write(sv[0], "second!", 7));
	SHOW(send(sv[0], "", 0, 0));
	SHOW(write(sv[0], "fourth", 6));
	SHOW(ioctl(sv[1], FIONREAD, &n));
	printf("FIONREAD %d\n", n);
	SHOW(read(sv[1], buf, sizeof(buf)));
	SHOW(recvmsg(sv[1], &mh, 0));
	printf("msg_flags MSG_TRUNC %d\n", !!(mh.msg_flags & MSG_TRUNC));
	SHOW(recv(sv[1], buf, sizeof(buf), 0));
	SHOW(recv(sv[1], buf, 2, MSG_TRUNC));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(close(sv[0]));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(send(sv[1], "x", 1, 0));
	return 0;
}
