/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* bind and getsockname: port 0 autobinds to the process id, then to negative ports; collisions. */
/* abi: glibc */
#include "nl.h"

static void show_name(int s)
{
	struct sockaddr_nl a;
	socklen_t l = sizeof(a);

	memset(&a, 0x55, sizeof(a));
	if (getsockname(s, (void *)&a, &l))
		return (void)printf("getsockname failed\n");
	printf("name: len %u family %d pad %d pid %s groups %#x\n", (unsigned)l, a.nl_family,
	       a.nl_pad,
	       a.nl_pid == 0			? "0"
	       : a.nl_pid == (unsigned)getpid() ? "getpid"
	       : (int)a.nl_pid < 0		? "negative"
						: "other",
	       a.nl_groups);
}

int main(void)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK};
	struct sockaddr_nl bad = {.nl_family = AF_UNIX};
	int s = nl_socket(0), t = nl_socket(0), u = nl_socket(0);

	show_name(s); /* unbound */
	SHOW(bind(s, (void *)&a, sizeof(a) - 1));
	SHOW(bind(s, (void *)&bad, sizeof(bad)));
	SHOW(bind(s, (void *)&a, sizeof(a)));
	show_name(s);
	SHOW(bind(s, (void *)&a, sizeof(a))); /* 0 is not its port any more */
	a.nl_pid = getpid();
	SHOW(bind(s, (void *)&a, sizeof(a))); /* the same port again */
	a.nl_pid = NL_PORT(1);
	SHOW(bind(s, (void *)&a, sizeof(a)));
	a.nl_pid = getpid();
	SHOW(bind(t, (void *)&a, sizeof(a)));
	a.nl_pid = 0;
	SHOW(bind(t, (void *)&a, sizeof(a)));
	show_name(t);
	a.nl_pid = NL_PORT(1);
	SHOW(bind(u, (void *)&a, sizeof(a)));
	show_name(u);
	SHOW(close(s));
	/* the port is free again */
	s = nl_socket(0);
	a.nl_pid = getpid();
	SHOW(bind(s, (void *)&a, sizeof(a)));
	show_name(s);
	/* a datagram socket of the same protocol shares the port space */
	SHOW(bind(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE), (void *)&a, sizeof(a)));
	return 0;
}
