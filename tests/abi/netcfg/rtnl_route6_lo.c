/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RTM_GETROUTE for IPv6: the dump's routes out of lo (local ::1) and `ip -6 route get ::1`, with the asker's uid. */
#include "nc.h"

static char buf[1 << 16];

static void show(struct nlmsghdr *h)
{
	struct rtmsg *m = NLMSG_DATA(h);
	struct rtattr *a = nc_attr(h, sizeof(*m), RTA_DST),
		      *p = nc_attr(h, sizeof(*m), RTA_PRIORITY);
	struct rtattr *s = nc_attr(h, sizeof(*m), RTA_PREFSRC),
		      *u = nc_attr(h, sizeof(*m), RTA_UID);

	printf("  type %d table %d dst %s/%d src %s metric %d proto %d cloned %d uid %d\n",
	       m->rtm_type, m->rtm_table, a ? nc_ntop(AF_INET6, RTA_DATA(a)) : "none",
	       m->rtm_dst_len, s ? nc_ntop(AF_INET6, RTA_DATA(s)) : "none",
	       p ? *(int *)RTA_DATA(p) : -1, m->rtm_protocol, !!(m->rtm_flags & RTM_F_CLONED),
	       u ? *(int *)RTA_DATA(u) : -1);
}

int main(void)
{
	struct rtmsg m = {.rtm_family = AF_INET6};
	struct {
		struct rtmsg m;
		struct rtattr a;
		struct in6_addr d;
	} req = {{.rtm_family = AF_INET6, .rtm_dst_len = 128},
		 {RTA_LENGTH(16), RTA_DST},
		 IN6ADDR_LOOPBACK_INIT};
	long n = nc_request(RTM_GETROUTE, NLM_F_DUMP, &m, sizeof(m), buf, sizeof(buf));

	printf("dump, routes out of lo:\n");
	for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
		struct rtattr *o = nc_attr(h, sizeof(m), RTA_OIF);

		if (h->nlmsg_type == RTM_NEWROUTE && o && *(int *)RTA_DATA(o) == 1)
			show(h);
	}
	n = nc_request(RTM_GETROUTE, 0, &req, sizeof(req), buf, sizeof(buf));
	printf("get ::1: %s\n", n > 0 && ((struct nlmsghdr *)buf)->nlmsg_type == RTM_NEWROUTE
					? "route"
					: "no route");
	if (n > 0 && ((struct nlmsghdr *)buf)->nlmsg_type == RTM_NEWROUTE)
		show((void *)buf);
	return 0;
}
