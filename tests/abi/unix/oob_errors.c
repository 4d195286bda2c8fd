/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MSG_OOB's errors: datagram and seqpacket sockets, an empty send, unconnected and shut-down sockets, SIOCATMARK's. */
/* abi: glibc */
#include "abi.h"
#include <sys/ioctl.h>
#include <sys/socket.h>

int main(void)
{
	int d[2], q[2], s[2], u, v = -1;
	char c;

	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, d));
	SHOW(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, q));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, s));
	SHOW(u = socket(AF_UNIX, SOCK_STREAM, 0));
	SHOW(send(d[0], "a", 1, MSG_OOB));
	SHOW(recv(d[1], &c, 1, MSG_OOB | MSG_DONTWAIT));
	SHOW(send(q[0], "a", 1, MSG_OOB));
	SHOW(recv(q[1], &c, 1, MSG_OOB | MSG_DONTWAIT));
	SHOW(ioctl(d[1], SIOCATMARK, &v));
	SHOW(ioctl(q[1], SIOCATMARK, &v));
	SHOW(send(s[0], "", 0, MSG_OOB));
	SHOW(recv(s[1], &c, 1, MSG_OOB | MSG_DONTWAIT));
	SHOW(send(u, "a", 1, MSG_OOB));
	SHOW(send(u, "", 0, MSG_OOB));
	SHOW(recv(u, &c, 1, MSG_OOB | MSG_DONTWAIT));
	SHOW(ioctl(u, SIOCATMARK, &v));
	printf("at mark: %d\n", v);
	SHOW(ioctl(s[1], SIOCATMARK, ABI_BADPTR));
	SHOW(send(s[0], "a", 1, MSG_OOB));
	SHOW(recv(s[1], ABI_BADPTR, 1, MSG_OOB));
	SHOW(recv(s[1], &c, 1, MSG_OOB | MSG_DONTWAIT));
	SHOW(shutdown(s[0], SHUT_WR));
	SHOW(send(s[0], "a", 1, MSG_OOB | MSG_NOSIGNAL));
	SHOW(close(s[1]));
	SHOW(send(s[0], "b", 1, MSG_OOB | MSG_NOSIGNAL));
	return 0;
}
