/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Helpers of the netcfg tests: interface ioctls on lo and rtnetlink requests with their whole answer. */
#ifndef NC_H
#define NC_H

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include "abi.h"

static inline struct ifreq nc_ifr(const char *name)
{
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	snprintf(r.ifr_name, sizeof(r.ifr_name), "%s", name);
	return r;
}

static inline const char *nc_ntop(int family, const void *a)
{
	static char s[4][INET6_ADDRSTRLEN];
	static int i;

	i = (i + 1) % 4;
	return inet_ntop(family, a, s[i], sizeof(s[i])) ? s[i] : "?";
}

/* Send one rtnetlink request (hdr + body of blen bytes) and read the whole
 * answer (a dump until NLMSG_DONE, else one message) into buf: its length. */
static inline long nc_request(int type, int flags, const void *body, size_t blen, char *buf,
			      size_t size)
{
	struct {
		struct nlmsghdr h;
		char body[256];
	} req;
	long n, total = 0;
	int s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(blen);
	req.h.nlmsg_type = type;
	req.h.nlmsg_flags = NLM_F_REQUEST | flags;
	req.h.nlmsg_seq = 7;
	memcpy(req.body, body, blen);
	if (s < 0 || send(s, &req, req.h.nlmsg_len, 0) < 0)
		return -1;
	while ((n = recv(s, buf + total, size - total, 0)) > 0) {
		struct nlmsghdr *h = (void *)(buf + total), *last = h;
		long left = n;

		for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left))
			last = h;
		total += n;
		if (!(flags & NLM_F_DUMP) || last->nlmsg_type == NLMSG_DONE ||
		    last->nlmsg_type == NLMSG_ERROR)
			break;
	}
	close(s);
	return total;
}

/* The attribute `type` of message h after a family header of hlen bytes, or NULL. */
static inline struct rtattr *nc_attr(struct nlmsghdr *h, size_t hlen, int type)
{
	struct rtattr *a = (void *)((char *)NLMSG_DATA(h) + NLMSG_ALIGN(hlen));
	int len = h->nlmsg_len - NLMSG_LENGTH(hlen);

	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == type)
			return a;
	return NULL;
}

static inline void nc_show_error(struct nlmsghdr *h)
{
	struct nlmsgerr *e = NLMSG_DATA(h);

	printf("answer: type %s error %s\n", h->nlmsg_type == NLMSG_ERROR ? "NLMSG_ERROR" : "other",
	       e->error ? abi_errname(-e->error) : "0");
}

#endif
