/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Kernel answers that overflow SO_RCVBUF are dropped: the next recv fails with ENOBUFS, once. */
/* abi: glibc */
#include <poll.h>
#include "nl.h"

/* Flood s with 20 error acks, then read everything back. */
static void flood(int s)
{
	struct nl_req r;
	char buf[256];
	struct pollfd p = {s, POLLIN | POLLOUT, 0};
	int got = 0, first_seq = -1, err = 0, v = -1;
	socklen_t l = sizeof(v);
	long n;

	for (int i = 0; i < 20; i++) {
		r = nl_req(NL_BADTYPE, NLM_F_REQUEST, i);
		if (send(s, &r, sizeof(r), 0) != sizeof(r))
			printf("send %d: %s\n", i, abi_errname(errno));
	}
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	for (;;) {
		n = recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0) {
			printf("recv after %d messages: %s\n", got, abi_errname(errno));
			err++;
			continue;
		}
		if (first_seq < 0)
			first_seq = (int)((struct nlmsghdr *)buf)->nlmsg_seq;
		got++;
	}
	FACT("some answers arrived", got > 0);
	FACT("some were dropped", got < 20);
	printf("first answer's seq %d, errors %d\n", first_seq, err);
	SHOW(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &l));
	printf("SO_ERROR %d\n", v);
	/* drained: answers arrive again */
	r = nl_req(NL_BADTYPE, NLM_F_REQUEST, 99);
	SHOW(send(s, &r, sizeof(r), 0));
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
}

int main(void)
{
	int s = nl_socket(0), v = 1;

	SHOW(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)));
	flood(s);
	printf("-- NETLINK_NO_ENOBUFS\n");
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_NO_ENOBUFS, &v, sizeof(v)));
	flood(s);
	return 0;
}
