/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Messages between two netlink sockets: sendto a port, connect, getpeername, ECONNREFUSED. */
/* abi: glibc */
#include "nl.h"

int main(void)
{
	struct sockaddr_nl to = {.nl_family = AF_NETLINK, .nl_pid = NL_PORT(2)}, from, peer;
	struct sockaddr un = {.sa_family = AF_UNSPEC}, bad = {.sa_family = AF_UNIX};
	socklen_t fl = sizeof(from), pl = sizeof(peer);
	int s = nl_socket(0), d = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	char buf[64];

	SHOW(bind(d, (void *)&to, sizeof(to)));
	SHOW(sendto(s, "hello, port", 11, 0, (void *)&to, sizeof(to)));
	memset(&from, 0x55, sizeof(from));
	SHOW(recvfrom(d, buf, sizeof(buf), MSG_DONTWAIT, (void *)&from, &fl));
	printf("%.11s from pid %s groups %u\n", buf,
	       from.nl_pid == (unsigned)getpid() ? "getpid" : "other", from.nl_groups);
	to.nl_pid = NL_PORT(3);
	SHOW(sendto(s, "x", 1, 0, (void *)&to, sizeof(to)));
	SHOW(connect(s, (void *)&to, sizeof(to))); /* nobody there: connect does not check */
	SHOW(send(s, "x", 1, 0));
	to.nl_pid = NL_PORT(2);
	SHOW(connect(s, (void *)&to, sizeof(to)));
	SHOW(getpeername(s, (void *)&peer, &pl));
	printf("peer is the port: %s, len %u\n", peer.nl_pid == NL_PORT(2) ? "yes" : "no",
	       (unsigned)pl);
	SHOW(write(s, "connected", 9));
	SHOW(recv(d, buf, sizeof(buf), MSG_DONTWAIT));
	/* a socket connected elsewhere refuses others */
	to.nl_pid = NL_PORT(10);
	SHOW(connect(d, (void *)&to, sizeof(to)));
	SHOW(send(s, "x", 1, 0));
	SHOW(connect(d, &un, sizeof(un)));
	SHOW(send(s, "y", 1, 0));
	SHOW(recv(d, buf, sizeof(buf), MSG_DONTWAIT));
	/* disconnect: back to the kernel (port 0) */
	SHOW(connect(s, &un, sizeof(un.sa_family)));
	pl = sizeof(peer);
	SHOW(getpeername(s, (void *)&peer, &pl));
	printf("peer pid %u groups %u\n", peer.nl_pid, peer.nl_groups);
	SHOW(connect(s, &bad, sizeof(bad)));
	SHOW(connect(s, (void *)&to, sizeof(to) - 1));
	SHOW(connect(s, &un, 1));
	/* closed: the port refuses */
	SHOW(close(d));
	to.nl_pid = NL_PORT(2);
	SHOW(sendto(s, "x", 1, 0, (void *)&to, sizeof(to)));
	return 0;
}
