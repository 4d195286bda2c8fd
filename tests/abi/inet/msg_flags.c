/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MSG_ERRQUEUE with an empty queue (EAGAIN), MSG_OOB with no urgent data (EINVAL), MSG_TRUNC discarding on TCP, MSG_CMSG_CLOEXEC. */
#include "inet_util.h"

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL), u = lo_server(AF_INET, SOCK_DGRAM);
	char buf[16] = "";
	struct iovec iov = {buf, sizeof(buf)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};

	SHOW(recv(s, buf, sizeof(buf), MSG_ERRQUEUE));
	SHOW(recv(u, buf, sizeof(buf), MSG_ERRQUEUE));
	SHOW(recv(s, buf, sizeof(buf), MSG_OOB));
	SHOW(recv(s, buf, sizeof(buf), MSG_OOB | MSG_DONTWAIT));
	SHOW(send(c, "abcdefgh", 8, 0));
	usleep(50000);
	SHOW(recv(s, NULL, 3, MSG_TRUNC));
	SHOW(recv(s, buf, sizeof(buf), 0));
	printf("rest '%.5s'\n", buf);
	SHOW(send(c, "xyz", 3, MSG_MORE));
	SHOW(send(c, "w", 1, 0));
	SHOW(recv(s, buf, 4, MSG_WAITALL));
	printf("got '%.4s'\n", buf);
	SHOW(send(c, "q", 1, MSG_NOSIGNAL | MSG_DONTWAIT));
	SHOW(recvmsg(s, &m, MSG_CMSG_CLOEXEC));
	printf("flags %#x controllen %d\n", m.msg_flags, (int)m.msg_controllen);
	SHOW(recv(u, buf, sizeof(buf), MSG_OOB | MSG_DONTWAIT));
	return 0;
}
