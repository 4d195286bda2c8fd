/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* recv flags on TCP: MSG_PEEK leaves the bytes, MSG_DONTWAIT gives EAGAIN, MSG_WAITALL gathers; UDP MSG_PEEK and MSG_TRUNC. */
#include "inet_util.h"

int main(void)
{
	char buf[16] = "";
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL), u = lo_server(AF_INET, SOCK_DGRAM);
	int uc = lo_connect(AF_INET, SOCK_DGRAM, u);
	struct iovec iov = {buf, 4};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};

	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(send(c, "abcdef", 6, 0));
	SHOW(recv(s, buf, 3, MSG_PEEK | MSG_WAITALL));
	SHOW(recv(s, buf, 2, MSG_PEEK));
	SHOW(recv(s, buf, sizeof(buf), 0));
	printf("got '%.6s'\n", buf);
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(send(uc, "datagram", 8, 0));
	SHOW(recv(u, buf, 2, MSG_PEEK));
	SHOW(recv(u, buf, 3, MSG_PEEK | MSG_TRUNC));
	SHOW(recvmsg(u, &m, 0));
	printf("flags %#x '%.4s'\n", m.msg_flags, buf);
	SHOW(recv(u, buf, sizeof(buf), MSG_DONTWAIT));
	return 0;
}
