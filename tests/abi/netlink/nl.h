/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Shared by the netlink tests: a raw NETLINK_ROUTE socket and requests. */
#ifndef NL_H
#define NL_H

#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include "abi.h"

#define NL_BADTYPE 1000 /* past every kernel's RTM_MAX */
/* A port of this process's own (ports are system-wide, and the host runs
 * the tests in parallel): n = 1..127 above the pid's 22 bits. */
#define NL_PORT(n) ((unsigned)getpid() | (unsigned)(n) << 24)

struct nl_req {
	struct nlmsghdr h;
	struct rtgenmsg g;
	char pad[3];
};

static inline struct nl_req nl_req(int type, int flags, int seq)
{
	struct nl_req r = {
		{sizeof(r), (unsigned short)type, (unsigned short)flags, (unsigned)seq, 0},
		{AF_UNSPEC},
		{0}};
	return r;
}

static inline int nl_socket(int flags)
{
	return socket(AF_NETLINK, SOCK_RAW | flags, NETLINK_ROUTE);
}

/* Print the NLMSG_ERROR ack in buf (n bytes). */
static inline void nl_show_ack(const char *label, const char *buf, long n)
{
	const struct nlmsghdr *h = (const void *)buf;
	const struct nlmsgerr *e = NLMSG_DATA(h);

	if (n < (long)NLMSG_LENGTH(sizeof(*e))) {
		printf("%s: %ld bytes\n", label, n);
		return;
	}
	printf("%s: %ld bytes, len %u type %u flags %#x seq %u pid_is_mine %d, error %s, "
	       "inner type %u len %u\n",
	       label, n, h->nlmsg_len, h->nlmsg_type, h->nlmsg_flags, h->nlmsg_seq,
	       h->nlmsg_pid == (unsigned)getpid(), e->error ? abi_errname(-e->error) : "0",
	       e->msg.nlmsg_type, e->msg.nlmsg_len);
}

#endif
