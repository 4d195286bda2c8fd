/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_PASSCRED on netlink: the kernel's messages carry zero credentials, a process's its tgid and real ids. */
/* abi: glibc */
#include "nl.h"

static void show_cred(int s)
{
	char buf[256], cb[128];
	struct iovec io = {buf, sizeof(buf)};
	struct msghdr m = {
		.msg_iov = &io, .msg_iovlen = 1, .msg_control = cb, .msg_controllen = sizeof(cb)};
	struct cmsghdr *c;
	struct ucred u;

	SHOW(recvmsg(s, &m, MSG_DONTWAIT));
	printf("controllen %u\n", (unsigned)m.msg_controllen);
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		memcpy(&u, CMSG_DATA(c), sizeof(u));
		printf("cmsg level %d type %d len %u: pid %s uid %u gid %u\n", c->cmsg_level,
		       c->cmsg_type, (unsigned)c->cmsg_len,
		       u.pid == getpid() ? "getpid"
		       : u.pid		 ? "other"
					 : "0",
		       u.uid, u.gid);
	}
}

int main(void)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK, .nl_pid = NL_PORT(30)};
	struct nl_req r = nl_req(NL_BADTYPE, NLM_F_REQUEST, 1);
	int s = nl_socket(0), d = nl_socket(0), one = 1;

	SHOW(bind(d, (void *)&a, sizeof(a)));
	SHOW(send(s, &r, sizeof(r), 0));
	show_cred(s); /* SO_PASSCRED off */
	SHOW(setsockopt(s, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)));
	SHOW(setsockopt(d, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)));
	SHOW(send(s, &r, sizeof(r), 0));
	show_cred(s);
	SHOW(setresgid(5, 0, 0)); /* the real gid is what is passed */
	SHOW(sendto(s, "x", 1, 0, (void *)&a, sizeof(a)));
	show_cred(d);
	return 0;
}
