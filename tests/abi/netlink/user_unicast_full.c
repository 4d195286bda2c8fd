/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A user sender to a full receiver: EAGAIN when not waiting, a wait bounded by SO_SNDTIMEO, room after a read. */
/* abi: glibc */
#include <poll.h>
#include <sys/time.h>
#include "nl.h"

int main(void)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK, .nl_pid = NL_PORT(20)};
	struct timeval tv = {0, 50000};
	int r = nl_socket(0), s = nl_socket(0), v = 1, sent = 0, got = 0;
	struct pollfd p = {0, POLLIN, 0};
	char buf[64];

	SHOW(bind(r, (void *)&a, sizeof(a)));
	SHOW(setsockopt(r, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)));
	while (sendto(s, "m", 1, MSG_DONTWAIT, (void *)&a, sizeof(a)) == 1 && sent < 1000)
		sent++;
	printf("stopped by %s\n", abi_errname(errno));
	FACT("some messages went", sent > 0);
	FACT("the receiver filled up", sent < 1000);
	SHOW(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)));
	SHOW(sendto(s, "m", 1, 0, (void *)&a, sizeof(a)));
	/* a user sender never makes the receiver's recv fail */
	p.fd = r;
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", p.revents);
	while (recv(r, buf, sizeof(buf), MSG_DONTWAIT) == 1)
		got++;
	printf("received all sent: %s\n", got == sent ? "yes" : "no");
	SHOW(recv(r, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(sendto(s, "m", 1, MSG_DONTWAIT, (void *)&a, sizeof(a)));
	SHOW(recv(r, buf, sizeof(buf), MSG_DONTWAIT));
	return 0;
}
