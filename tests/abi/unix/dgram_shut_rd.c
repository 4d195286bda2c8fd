/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* recv on a datagram socket shut for reading, queue empty: EOF when it would block, EAGAIN when non-blocking (seqpacket: EOF). */
/* abi: glibc */
#include "abi.h"
#include <poll.h>
#include <sys/socket.h>

int main(void)
{
	static const int types[] = {SOCK_DGRAM, SOCK_SEQPACKET};
	char buf[8];
	int sv[2];

	for (int i = 0; i < 2; i++) {
		printf("type %d\n", types[i]);
		CHECK(socketpair(AF_UNIX, types[i], 0, sv) == 0);
		SHOW(send(sv[0], "ab", 2, 0));
		SHOW(shutdown(sv[1], SHUT_RD));
		SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
		SHOW(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT));
		SHOW(recv(sv[1], buf, sizeof(buf), 0));
		struct pollfd p = {.fd = sv[1], .events = POLLIN | POLLRDHUP};
		SHOW(poll(&p, 1, 0));
		printf("revents %#x\n", p.revents);
		SHOW(send(sv[0], "cd", 2, MSG_DONTWAIT | MSG_NOSIGNAL));
		close(sv[0]);
		close(sv[1]);
	}
	return 0;
}
