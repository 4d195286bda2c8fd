/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RTM_GETROUTE: the IPv4 dump's routes out of lo (the local table's 127.0.0.0/8, 127.0.0.1 and broadcast) and `ip route get` of 127.0.0.1 and 127.0.0.2. */
#include "nc.h"

static char buf[1 << 16];

static int uid(struct nlmsghdr *h)
{
	struct rtattr *u = nc_attr(h, sizeof(struct rtmsg), RTA_UID);

	return u ? *(int *)RTA_DATA(u) : -1;
}

static void show(struct nlmsghdr *h)
{
	struct rtmsg *m = NLMSG_DATA(h);
	struct rtattr *a = nc_attr(h, sizeof(*m), RTA_DST),
		      *s = nc_attr(h, sizeof(*m), RTA_PREFSRC);
	struct rtattr *t = nc_attr(h, sizeof(*m), RTA_TABLE);

	printf("  type %d table %d/%u dst %s/%d src %s scope %d proto %d cloned %d gateway %d uid "
	       "%d\n",
	       m->rtm_type, m->rtm_table, t ? *(unsigned *)RTA_DATA(t) : 0,
	       a ? nc_ntop(AF_INET, RTA_DATA(a)) : "none", m->rtm_dst_len,
	       s ? nc_ntop(AF_INET, RTA_DATA(s)) : "none", m->rtm_scope, m->rtm_protocol,
	       !!(m->rtm_flags & RTM_F_CLONED), nc_attr(h, sizeof(*m), RTA_GATEWAY) != NULL,
	       uid(h));
}

static void get(const char *dst)
{
	struct {
		struct rtmsg m;
		struct rtattr a;
		struct in_addr d;
	} req = {{.rtm_family = AF_INET, .rtm_dst_len = 32}, {RTA_LENGTH(4), RTA_DST}, {0}};
	long n;

	inet_pton(AF_INET, dst, &req.d);
	n = nc_request(RTM_GETROUTE, 0, &req, sizeof(req), buf, sizeof(buf));
	printf("get %s: %s\n", dst,
	       n > 0 && ((struct nlmsghdr *)buf)->nlmsg_type == RTM_NEWROUTE ? "route"
									     : "no route");
	if (n > 0 && ((struct nlmsghdr *)buf)->nlmsg_type == RTM_NEWROUTE)
		show((void *)buf);
}

int main(void)
{
	struct rtmsg m = {.rtm_family = AF_INET};
	long n = nc_request(RTM_GETROUTE, NLM_F_DUMP, &m, sizeof(m), buf, sizeof(buf));

	printf("dump, routes out of lo:\n");
	for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
		struct rtattr *o = nc_attr(h, sizeof(m), RTA_OIF);

		if (h->nlmsg_type == RTM_NEWROUTE && o && *(int *)RTA_DATA(o) == 1)
			show(h);
	}
	get("127.0.0.1");
	get("127.0.0.2");
	return 0;
}
