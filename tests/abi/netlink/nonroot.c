/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Without privilege: rtnetlink groups may be joined, but only the kernel may be sent to. */
/* abi: glibc */
#include <sys/wait.h>
#include "nl.h"

static int unprivileged(void *arg)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK, .nl_groups = 1};
	struct sockaddr_nl to = {.nl_family = AF_NETLINK, .nl_pid = NL_PORT(40)};
	struct sockaddr_nl grp = {.nl_family = AF_NETLINK, .nl_groups = 1};
	struct nl_req r = nl_req(RTM_NEWLINK, NLM_F_REQUEST, 1);
	char buf[256];
	int s;

	(void)arg;
	SHOW(setgid(65534));
	SHOW(setuid(65534));
	s = SHOW_OK(nl_socket(0));
	SHOW(bind(s, (void *)&a, sizeof(a)));
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int){2}, sizeof(int)));
	SHOW(sendto(s, "x", 1, 0, (void *)&to, sizeof(to)));
	SHOW(sendto(s, "x", 1, 0, (void *)&grp, sizeof(grp)));
	SHOW(connect(s, (void *)&to, sizeof(to)));
	/* a request that changes state needs CAP_NET_ADMIN */
	SHOW(send(s, &r, sizeof(r), 0));
	nl_show_ack("new link", buf, recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	return 0;
}

int main(void)
{
	abi_run_child("unprivileged", unprivileged, NULL);
	return 0;
}
