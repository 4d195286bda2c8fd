/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* recv on netlink: MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT, the sender's address, MSG_OOB, empty sends. */
/* abi: glibc */
#include "nl.h"

int main(void)
{
	struct sockaddr_nl from, bad = {.nl_family = AF_UNIX}, k = {.nl_family = AF_NETLINK};
	struct nl_req r = nl_req(NL_BADTYPE, NLM_F_REQUEST, 1);
	char buf[256];
	struct iovec io = {buf, 8};
	struct msghdr m = {
		.msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &io, .msg_iovlen = 1};
	socklen_t fl = sizeof(from);
	int s = nl_socket(0);

	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(send(s, &r, 0, 0));
	SHOW(send(s, &r, 0, MSG_OOB));
	SHOW(send(s, &r, sizeof(r), MSG_OOB));
	SHOW(sendto(s, &r, sizeof(r), 0, (void *)&bad, sizeof(bad)));
	SHOW(sendto(s, &r, sizeof(r), 0, (void *)&k, sizeof(k) - 1));
	SHOW(send(s, &r, sizeof(r), 0));
	SHOW(recv(s, buf, sizeof(buf), MSG_OOB));
	SHOW(recv(s, buf, 8, MSG_PEEK | MSG_DONTWAIT));
	SHOW(recv(s, buf, 8, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT));
	memset(&from, 0x55, sizeof(from));
	SHOW(recvfrom(s, buf, sizeof(buf), MSG_PEEK, (void *)&from, &fl));
	printf("from: len %u family %d pid %u groups %u\n", (unsigned)fl, from.nl_family,
	       from.nl_pid, from.nl_groups);
	SHOW(recvmsg(s, &m, 0));
	printf("msg_flags %#x namelen %u pid %u\n", m.msg_flags, (unsigned)m.msg_namelen,
	       from.nl_pid);
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	/* MSG_TRUNC gives the whole length, and the rest is gone */
	SHOW(send(s, &r, sizeof(r), 0));
	SHOW(recv(s, buf, 4, MSG_TRUNC));
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	/* read(2) and write(2) are recv and send */
	SHOW(write(s, &r, sizeof(r)));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(read(s, buf, 0));
	return 0;
}
