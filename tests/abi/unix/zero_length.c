/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Zero-length I/O: write() and send() of nothing make an empty datagram, writev() of nothing does not; reads of nothing never wait. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/uio.h>

int main(void)
{
	struct iovec iov = {"", 0};
	char c[4];
	int sv[2], st[2];

	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	SHOW(write(sv[0], "", 0));
	SHOW(recv(sv[1], c, sizeof(c), MSG_DONTWAIT));
	SHOW(writev(sv[0], &iov, 1));
	SHOW(recv(sv[1], c, sizeof(c), MSG_DONTWAIT));
	SHOW(send(sv[0], "", 0, 0));
	SHOW(read(sv[1], c, 0));
	SHOW(recv(sv[1], c, sizeof(c), MSG_DONTWAIT));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, st));
	SHOW(read(st[1], c, 0));
	SHOW(readv(st[1], &iov, 1));
	SHOW(write(st[0], "", 0));
	SHOW(recv(st[1], c, sizeof(c), MSG_DONTWAIT));
	return 0;
}
