/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RTM_GETLINK: lo in the dump, by index and by name, with its type, flags and attributes; an unknown index is ENODEV. */
#include <linux/if_link.h>
#include "nc.h"

static char buf[1 << 16];

static void show_link(struct nlmsghdr *h)
{
	struct ifinfomsg *m = NLMSG_DATA(h);
	struct rtattr *a;

	printf("type %d flags %#x family %d index %d ifi_type %d ifi_flags %#x\n", h->nlmsg_type,
	       h->nlmsg_flags, m->ifi_family, m->ifi_index, m->ifi_type, m->ifi_flags);
	a = nc_attr(h, sizeof(*m), IFLA_IFNAME);
	printf("  name %s\n", a ? (char *)RTA_DATA(a) : "none");
	a = nc_attr(h, sizeof(*m), IFLA_MTU);
	printf("  mtu %u\n", a ? *(unsigned *)RTA_DATA(a) : 0);
	a = nc_attr(h, sizeof(*m), IFLA_TXQLEN);
	printf("  txqlen %u\n", a ? *(unsigned *)RTA_DATA(a) : 0);
	a = nc_attr(h, sizeof(*m), IFLA_OPERSTATE);
	printf("  operstate %d\n", a ? *(unsigned char *)RTA_DATA(a) : -1);
	a = nc_attr(h, sizeof(*m), IFLA_ADDRESS);
	printf("  address length %d\n", a ? (int)RTA_PAYLOAD(a) : -1);
	a = nc_attr(h, sizeof(*m), IFLA_BROADCAST);
	printf("  broadcast length %d\n", a ? (int)RTA_PAYLOAD(a) : -1);
	a = nc_attr(h, sizeof(*m), IFLA_STATS64);
	FACT("  stats64", a && RTA_PAYLOAD(a) >= sizeof(struct rtnl_link_stats64) - 16);
	FACT("  stats", nc_attr(h, sizeof(*m), IFLA_STATS) != NULL);
}

int main(void)
{
	struct ifinfomsg m = {.ifi_family = AF_UNSPEC};
	struct {
		struct ifinfomsg m;
		struct rtattr a;
		char name[4];
	} byname = {{0}, {RTA_LENGTH(3), IFLA_IFNAME}, "lo"};
	long n = nc_request(RTM_GETLINK, NLM_F_DUMP, &m, sizeof(m), buf, sizeof(buf));
	int seen = 0;

	for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
		if (h->nlmsg_type == RTM_NEWLINK &&
		    ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index == 1)
			seen++, show_link(h);
	printf("lo in the dump: %d\n", seen);
	m.ifi_index = 1;
	n = nc_request(RTM_GETLINK, 0, &m, sizeof(m), buf, sizeof(buf));
	printf("by index: ");
	show_link((void *)buf);
	n = nc_request(RTM_GETLINK, 0, &byname, sizeof(byname), buf, sizeof(buf));
	printf("by name: ");
	show_link((void *)buf);
	m.ifi_index = 99999;
	n = nc_request(RTM_GETLINK, 0, &m, sizeof(m), buf, sizeof(buf));
	nc_show_error((void *)buf);
	return 0;
}
