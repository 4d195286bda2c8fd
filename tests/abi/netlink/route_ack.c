/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Requests to the kernel: NLMSG_ERROR acks, NLM_F_ACK, messages without NLM_F_REQUEST, batches. */
/* abi: glibc */
#include "nl.h"

static char buf[8192];

static void reply(const char *label, int s)
{
	long n = recv(s, buf, sizeof(buf), MSG_DONTWAIT);

	if (n < 0)
		printf("%s: %s\n", label, abi_errname(errno));
	else
		nl_show_ack(label, buf, n);
}

int main(void)
{
	struct sockaddr_nl k = {.nl_family = AF_NETLINK};
	struct nl_req r = nl_req(NL_BADTYPE, NLM_F_REQUEST, 42), two[2];
	struct nlmsghdr noop = {16, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, 7, 0};
	int s = nl_socket(0);

	SHOW(sendto(s, &r, sizeof(r), 0, (void *)&k, sizeof(k)));
	reply("unknown type", s);
	reply("nothing more", s);
	SHOW(send(s, &noop, sizeof(noop), 0));
	reply("noop with ack", s);
	noop.nlmsg_flags = NLM_F_REQUEST;
	SHOW(send(s, &noop, sizeof(noop), 0));
	reply("noop without ack", s);
	r = nl_req(NL_BADTYPE, 0, 43); /* not a request: never handled */
	SHOW(send(s, &r, sizeof(r), 0));
	reply("not a request", s);
	r = nl_req(NL_BADTYPE, NLM_F_ACK, 44);
	SHOW(send(s, &r, sizeof(r), 0));
	reply("not a request, ack", s);
	/* a header too short for its type still gets the type's answer */
	r = nl_req(NL_BADTYPE, NLM_F_REQUEST, 45);
	r.h.nlmsg_len = 16;
	SHOW(send(s, &r, sizeof(r), 0));
	reply("header only", s);
	/* nlmsg_len past what was sent: the rest is ignored */
	r.h.nlmsg_len = 100;
	SHOW(send(s, &r, sizeof(r), 0));
	reply("overlong", s);
	SHOW(send(s, &r, 8, 0)); /* shorter than a header */
	reply("short", s);
	/* two messages in one send: two answers, in order */
	two[0] = nl_req(NL_BADTYPE, NLM_F_REQUEST, 46);
	two[1] = nl_req(NL_BADTYPE, NLM_F_REQUEST, 47);
	SHOW(send(s, two, sizeof(two), 0));
	reply("first of two", s);
	reply("second of two", s);
	/* NETLINK_CAP_ACK leaves the request's payload out */
	SHOW(setsockopt(s, SOL_NETLINK, NETLINK_CAP_ACK, &(int){1}, sizeof(int)));
	r = nl_req(NL_BADTYPE, NLM_F_REQUEST, 48);
	SHOW(send(s, &r, sizeof(r), 0));
	reply("capped", s);
	return 0;
}
